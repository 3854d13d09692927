"""Keep duties pages within their SQL query budget (12 per page; the site-wide ceiling is 15, docs/performance.md).

Wagtail routes to a child with two queries (the base ``Page`` row, then ``.specific``) and
checks view restrictions with two more (the ancestors, then their restrictions). Index pages
whose children are all one type can do each in one query without changing what is served.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction


class SpecificChildRouteMixin:
    """Route to a child with one query: the child's own model, filtered by slug.

    Subclasses define ``routable_children()``, a queryset of their child page type (with
    any ``select_related`` the child's template needs). Anything it does not find falls
    back to Wagtail's own routing, so other page types and 404s behave as before.
    """

    def route(self, request, path_components):
        if path_components:
            child = self.routable_children().filter(slug=path_components[0]).first()
            if child is not None:
                # As Page.route does: later get_parent() calls (breadcrumbs) need no query.
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


class AncestorPathRestrictionsMixin:
    """The view restrictions on this page and its ancestors, found in one query.

    Same rules as ``Page.get_view_restrictions``: restrictions on the page and every
    ancestor apply, and an alias takes its restrictions from the page it copies. Ancestor
    paths are prefixes of this page's path, so no query for the ancestors is needed.
    """

    def get_view_restrictions(self):
        paths = [self.path[:end] for end in range(Page.steplen, len(self.path) + 1, Page.steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()

"""What a reader may see now: the one rule every public surface asks.

A page is **visible** while it is live, under no view restriction and not past its
``expire_at`` (whether or not ``publish_scheduled`` has run yet), and every section's own
rule agrees. Sections add rules through Wagtail hooks, so the base never names them:

- ``register_visibility_filter``: ``fn(at)`` returns a ``Q`` on ``Page`` fields that a
  visible page must also match (the DHR section: a review whose translation has come down
  has come down too).
- ``register_page_verdict``: ``fn(page, at)`` (``at`` None meaning now) returns a
  ``Verdict`` for the pages it knows, or None to leave the page to the base rule (the DHR
  section: ``GONE`` for a review that has come down, so it answers 410 rather than 404).
- ``register_document_verdict``: ``fn(document, at)`` returns ``(Verdict, page)`` for the
  documents it owns, or None (the DHR section: a review's documents follow the review).

``filter_visible`` and ``verdict`` are two views of the same rule, and every listing,
search, sitemap, menu, link and document download asks one of them; pages are refused
once, where they are routed and served (``BasePage.route``, ``core.wagtail_hooks``).
"""

import enum

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, Lookup, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction


class Verdict(enum.Enum):
    VISIBLE = "visible"
    # Was public and has come down: the page type's own "gone" response, status 410.
    GONE = "gone"
    NOT_FOUND = "not found"


def _now(at):
    return at or timezone.now()


def visible_q(at=None):
    """A ``Q`` on ``Page`` fields matching the pages a reader may see at ``at``, apart from
    view restrictions (``in_private_section`` tests those inside the same query)."""
    at = _now(at)
    q = Q(live=True) & (Q(expire_at__isnull=True) | Q(expire_at__gt=at))
    for section_filter in hooks.get_hooks("register_visibility_filter"):
        q &= section_filter(at)
    return q


def in_private_section():
    """True for a page under a view restriction (on itself or an ancestor), tested inside
    the page query: ``queryset.exclude(in_private_section())`` is Wagtail's ``.public()``
    without the query it first runs to list every restriction."""
    return Exists(
        PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    )


class UnderAny(Lookup):
    """``path__under_any=<query of paths>``: the page is one of those pages or under one.

    On PostgreSQL the paths are read once per query (an array, as an InitPlan), so
    testing a page costs a string comparison; elsewhere each page is tested with a
    subquery. Tree paths are letters and digits, so they are safe inside ``LIKE``."""

    lookup_name = "under_any"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        # Both parts are compiled by Django, values as parameters.
        sql = f"EXISTS (SELECT 1 FROM ({rhs}) AS paths WHERE {lhs} LIKE paths.path || '%%')"  # noqa: S608
        return sql, [*rhs_params, *lhs_params]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        sql = f"{lhs} LIKE ANY (ARRAY(SELECT paths.path || '%%' FROM ({rhs}) AS paths))"  # noqa: S608
        return sql, [*lhs_params, *rhs_params]


Page._meta.get_field("path").register_lookup(UnderAny)


def restricted_paths():
    """The paths of the pages with a view restriction, as a query to match with
    ``path__under_any``."""
    return PageViewRestriction.objects.values(path=F("page__path"))


def filter_visible(queryset, at=None):
    """``queryset`` (of any page type) narrowed to the pages a reader may see now."""
    return queryset.filter(visible_q(at)).exclude(in_private_section())


def visible_pages(at=None):
    return filter_visible(Page.objects.all(), at)


def filter_searchable(queryset, at=None):
    """``filter_visible`` in the form Wagtail's search backends accept: filters on ``pk``
    and indexed fields only.

    Pages under a view restriction are left out by path (``path__under_any``): on
    PostgreSQL the restricted paths are read once per query rather than once per page
    found, which at 10,000 pages halves the time to count a word found on most of them."""
    return queryset.filter(pk__in=Page.objects.filter(visible_q(at)).values("pk")).exclude(
        path__under_any=restricted_paths()
    )


def annotate_visible(queryset, at=None):
    """Each page with ``visible`` (the rule apart from view restrictions) and ``private``
    (under a view restriction), for lists that keep pages a reader may not see, such as
    the top-level pages shared by the menu and search's sections."""
    return queryset.annotate(
        visible=ExpressionWrapper(visible_q(at), output_field=BooleanField()),
        private=in_private_section(),
    )


def verdict(page, at=None):
    """``Verdict`` for one page at ``at`` (None: now), from its own fields: view
    restrictions are checked by Wagtail when the page is served and by ``filter_visible``
    in lists. Section rules are asked first."""
    for section_verdict in hooks.get_hooks("register_page_verdict"):
        answer = section_verdict(page, at)
        if answer is not None:
            return answer
    if not page.live or (page.expire_at is not None and page.expire_at <= _now(at)):
        return Verdict.NOT_FOUND
    return Verdict.VISIBLE


def is_visible(page, at=None):
    return page is not None and verdict(page, at) is Verdict.VISIBLE


def keep_visible(pages, at=None):
    """The pages in ``pages`` (chosen on another page, such as related pages or footer
    links) that a reader may see now, in order, dropping None."""
    return [page for page in pages if is_visible(page, at)]


def document_verdict(document, at=None):
    """``(Verdict, page)`` for a document a section owns (``page`` is the page whose
    "gone" response to give), or None for a document no section claims: those are
    served like any file an editor has published."""
    at = _now(at)
    for section_verdict in hooks.get_hooks("register_document_verdict"):
        answer = section_verdict(document, at)
        if answer is not None:
            return answer
    return None

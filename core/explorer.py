"""Wagtail's page explorer, with the lookups it makes more than once per request made once.

The explorer is Wagtail's own view, registered as the listing of every page's children
through Wagtail's documented ``PageViewSet`` for ``Page`` ("custom default page
listings"). What it shows is unchanged; only where its facts come from differs:

- **The user's explorable root.** With one page granting explore rights (as for every
  group here), that page is the root; Wagtail reads it again by path.
- **Which children may be shown.** Below a page the user holds a permission on, every
  child is explorable, so Wagtail's ``pk IN (explorable pages)`` filter, which needs the
  common ancestor of those pages again, is left off. Elsewhere it stays.
- **Parents of the rows.** Wagtail reads every row's parent for a "Parent" column that
  the explorer never shows outside a search; outside a search the parent is the page
  being explored.
- **Content types and locales of the rows.** Read from Django's content type cache and
  one read of the locale table (a handful of rows) shared with the page itself and the
  locale filter, instead of a query each. With one locale, the page has no translations
  to look up. The rows' ``sites_rooted_here``, which Wagtail prefetches but never reads
  (a row's site root state is an annotation), are not read.
- **The rows' own page types.** Wagtail reads each page type's table for its rows (a
  query per type on the page) for fields the listing never shows; the rows come as
  their own types with those fields deferred.
- **Whether anything below a row is live**, which its "Move" and "Delete" items ask
  with a query each (core/page_permissions.py), read in the rows' query.
- **Permissions of the rows.** Wagtail builds a permission tester for each question it
  asks of a row, about ten a row; each row gets one for the request.
- **The page's revisions.** Its scheduled, latest and live revisions in one query, for
  the header and the status side panel, instead of three.

Each of these depends on Wagtail's internals (the view's ``get``, ``columns``,
``annotate_queryset``, ``get_context_data`` and the filter set's ``_add_locale_filter``):
tests/test_explorer_contract.py pins the installed Wagtail's versions of them and checks
that the explorer shows the same rows, links and panels as Wagtail's own view.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from wagtail.admin.filters import LocaleFilter
from wagtail.admin.ui.tables.pages import ParentPageColumn
from wagtail.admin.views.pages.listing import ExplorableIndexView, GenericPageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.coreutils import get_content_languages
from wagtail.models import GroupApprovalTask, Page, Site, get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import page_permission_policy

from core.page_permissions import LISTED_PERMISSIONS, PagePermissions, annotate_subtree_live
from core.request_memo import memo
from i18n.languages import locales_by_id

WRITTEN_FOR = "7.4.4"
# SHA-256 (first 16 hex digits) of the source of each piece of Wagtail this module copies
# or relies on, checked by tests/test_explorer_contract.py.
WAGTAIL_SOURCES = {
    "ExplorableIndexView.get": "be350fa6b67c1a9c",
    "PageListingMixin.annotate_queryset": "c3f769545773bdd1",
    "PageListingMixin.get_context_data": "b100872e569d5323",
    "WagtailFilterSet._add_locale_filter": "c0c131b7701491a7",
    "DraftStateMixin.scheduled_revision": "6706712157489b52",
    "PagePermissionPolicy.explorable_root_instance": "aa7b15fd6da21b89",
    "AbstractGroupApprovalTask._user_in_groups": "27858b3199eddf8e",
}
# Wagtail's msgids for the locale filter, translated by its own catalogue.
LOCALE_LABEL = "Locale"
ALL_LABEL = "All"
# Wagtail's per-request cache on the user, AbstractGroupApprovalTask._user_in_groups.
APPROVAL_CHECKS = "_group_approval_task_checks"
EXPLORE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


def locales(request):
    """Every locale, ``{pk: Locale}``, from the process's cache of them
    (``i18n.languages``), once per request."""
    return memo(request, "explorer_locales", locales_by_id)


def remember_explorable_root(user):
    """Give Wagtail's per-request cache of the user's explorable root the one page the
    user's explore permissions are on, when there is exactly one: Wagtail would read that
    page again by its path (``first_common_ancestor_of`` of one page is that page)."""
    cache_name = PagePermissionPolicy._explorable_root_instance_cache_name
    if not user.is_authenticated or user.is_superuser or hasattr(user, cache_name):
        return
    pages = {page.pk: page for page in page_permission_policy.instances_with_direct_explore_permission(user)}
    if len(pages) == 1:
        setattr(user, cache_name, next(iter(pages.values())))


def remember_approval_groups(user):
    """Fill Wagtail's per-request cache of "is the user in this group approval task's
    groups" for every such task in one query; Wagtail asks one query per task (the
    dashboard asks for every active task)."""
    if not user.is_authenticated or getattr(user, APPROVAL_CHECKS, None):
        return
    in_groups = GroupApprovalTask.groups.through.objects.filter(group__in=user.groups.all())
    checks = dict(
        GroupApprovalTask.objects.annotate(
            in_groups=Exists(in_groups.filter(groupapprovaltask_id=OuterRef("pk")))
        ).values_list("pk", "in_groups")
    )
    if checks:
        setattr(user, APPROVAL_CHECKS, checks)


class ExplorerFilterSet(GenericPageFilterSet):
    """Wagtail's filters for the explorer, with their choices read once: the page types
    from Django's content type cache, the owners and editors in one query, and no "Site"
    filter while there is one site (its only choice would be every page)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if len({root.site_id for root in Site.get_site_root_paths()}) <= 1:
            self.filters.pop("site", None)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            fields = form.fields
            if "content_type" in fields:
                field = fields["content_type"]
                models = [model for model in get_page_models() if model is not Page]
                types = sorted(ContentType.objects.get_for_models(*models).values(), key=lambda ct: ct.model)
                # The widget's choices, as the field's own setter wraps them for a query.
                field.widget.choices = [(ct.pk, field.label_from_instance(ct)) for ct in types]
            if "owner" in fields or "edited_by" in fields:
                self._fill_user_choices(fields)
        return self._form

    @staticmethod
    def _fill_user_choices(fields):
        """Wagtail's two lists (users who own a page, users who edited one), from one query."""
        from django.contrib.auth import get_user_model
        from wagtail.models import PageLogEntry

        edits = PageLogEntry.objects.filter(action="wagtail.edit")
        users = list(
            get_user_model()
            .objects.annotate(
                owns=Exists(Page.objects.filter(owner=OuterRef("pk"))),
                edited=Exists(edits.filter(user=OuterRef("pk"))),
            )
            .filter(Q(owns=True) | Q(edited=True))
            .order_by("pk")
        )
        for name, flag in (("owner", "owns"), ("edited_by", "edited")):
            if name in fields:
                field = fields[name]
                field.widget.choices = [
                    (user.pk, field.label_from_instance(user)) for user in users if getattr(user, flag)
                ]

    def _add_locale_filter(self):
        # Wagtail's rule (a locale filter only with more than one content language whose
        # Locale exists), from the cached locales (no query).
        from django import forms
        from django.utils.translation import gettext_lazy as _

        if "locale" in self.filters:
            return
        codes = {locale.language_code for locale in locales(self.request).values()}
        choices = [(code, name) for code, name in get_content_languages().items() if code in codes]
        if len(choices) <= 1:
            return
        self.filters["locale"] = LocaleFilter(
            label=_(LOCALE_LABEL),
            choices=choices,
            empty_label=None,
            null_label=_(ALL_LABEL),
            null_value=None,
            widget=forms.RadioSelect,
        )


class ExplorerIndexView(ExplorableIndexView):
    base_filterset_class = ExplorerFilterSet

    def get(self, request, parent_page_id=None):
        # Wagtail's ExplorableIndexView.get, with the page's locale and revisions read as
        # described above.
        remember_explorable_root(request.user)
        if parent_page_id:
            self.parent_page = get_object_or_404(
                Page.objects.all().prefetch_workflow_states(), id=parent_page_id
            )
        else:
            self.parent_page = Page.get_first_root_node()

        root_page = self.permission_policy.explorable_root_instance(request.user)
        if not (self.parent_page.pk == root_page.pk or self.parent_page.is_descendant_of(root_page)):
            return redirect(self.index_url_name, root_page.pk)

        self.parent_page = self.parent_page.specific
        self._read_revisions(self.parent_page)
        self.scheduled_page = self.parent_page.get_scheduled_revision_as_object()
        self.permissions = self.parent_page.permissions_for_user(self.request.user)
        self.parent_page.__dict__[LISTED_PERMISSIONS] = self.permissions  # as for the rows

        if self.i18n_enabled and not self.parent_page.is_root():
            known = locales(request)
            if self.parent_page.locale_id in known:
                self.parent_page.locale = known[self.parent_page.locale_id]
            self.locale = self.parent_page.locale
            # With one locale there is nothing to translate into, nor any translation.
            self.translations = self.get_translations() if len(known) > 1 else []
        else:
            self.locale = None
            self.translations = []

        if not self.is_searching:
            # The view's columns come from the viewset, as an attribute of the view.
            self.columns = [column for column in self.columns if not isinstance(column, ParentPageColumn)]
        return super(ExplorableIndexView, self).get(request)

    @cached_property
    def _every_child_explorable(self):
        user = self.request.user
        if user.is_superuser:
            return True
        codenames = self.permission_policy._get_permission_codenames(EXPLORE_ACTIONS)
        path = self.parent_page.path
        return any(
            perm.permission.codename in codenames and path.startswith(perm.page.path)
            for perm in self.permission_policy.get_cached_permissions_for_user(user)
        )

    def get_base_queryset(self):
        if self.is_searching or self.is_filtering or not self._every_child_explorable:
            return super().get_base_queryset()
        return self.annotate_queryset(self.model._default_manager.child_of(self.parent_page))

    def annotate_queryset(self, pages):
        # Each row's "Move" and "Delete" items ask whether anything below it is live.
        pages = annotate_subtree_live(super().annotate_queryset(pages))
        # Each row as its own page type with that type's fields deferred: Wagtail reads
        # every type's table (a query per type on the page) for fields no column shows.
        pages = pages.specific(defer=True)
        lookups = [
            lookup for lookup in pages._prefetch_related_lookups if lookup not in ("content_type", "locale")
        ]
        return pages.prefetch_related(None).prefetch_related(*lookups)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        known = locales(self.request)
        user = self.request.user
        for page in context["object_list"]:
            # One permission tester a row for this (read-only) render, not one a question.
            page.__dict__[LISTED_PERMISSIONS] = PagePermissions(user, page)
            page.content_type = ContentType.objects.get_for_id(page.content_type_id)
            if page.locale_id in known:
                page.locale = known[page.locale_id]
        return context

    def _read_revisions(self, page):
        """The page's scheduled, latest and live revisions, in one query."""
        wanted = {page.latest_revision_id, page.live_revision_id} - {None}
        revisions = list(
            page.revisions.filter(Q(pk__in=wanted) | Q(approved_go_live_at__isnull=False)).order_by("pk")
        )
        by_pk = {revision.pk: revision for revision in revisions}
        # Wagtail's DraftStateMixin.scheduled_revision: the first (by primary key) approved
        # for a later go-live.
        page.scheduled_revision = next(
            (revision for revision in revisions if revision.approved_go_live_at is not None), None
        )
        for field in ("latest_revision", "live_revision"):
            if getattr(page, f"{field}_id") in by_pk:
                setattr(page, field, by_pk[getattr(page, f"{field}_id")])


class ExplorerViewSet(PageViewSet):
    model = Page
    index_view_class = ExplorerIndexView
    filterset_class = ExplorerFilterSet

"""Where the base enforces what a reader may see (``core.visibility``): once for every
page served and every document downloaded, whatever the page type or section."""

from django.http import Http404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core import document_listing, document_protection, editor_guide, moderation_panel
from core import wagtail_document_internals as document_internals
from core.visibility import Verdict, document_verdict, verdict


# Inside Wagtail's own view-restriction check (an ``on_serve_page`` wrapper too, order 0):
# a reader who may not open a private section learns nothing, not even that a page in it
# has come down.
@hooks.register("on_serve_page", order=100)
def serve_only_what_readers_may_see(serve):
    """A page past its ``expire_at`` is not found before ``publish_scheduled`` has run, as
    after; a page that has come down gives its page type's "gone" response (410), on its
    own address and every address below it. Previews do not come through here."""

    def serve_if_visible(page, request, serve_args, serve_kwargs):
        answer = verdict(page)
        if answer is Verdict.GONE:
            return page.serve_gone(request)
        if answer is Verdict.NOT_FOUND:
            raise Http404(_("This page is not published."))
        return serve(page, request, serve_args, serve_kwargs)

    return serve_if_visible


@hooks.register("before_serve_document")
def serve_documents_only_while_visible(document, request):
    """A document a section owns downloads only while that section says so, whatever link
    is used (the DHR section: while its review is visible). Signed-in editors can still
    open it, to check a draft."""
    answer = document_verdict(document)
    if answer is None or answer[0] is Verdict.VISIBLE:
        return None
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return None
    found, page = answer
    if found is Verdict.GONE and page is not None:
        return page.serve_gone(request)
    raise Http404(_("This document is not published."))


# A document pages use is replaced, renamed or deleted only by someone who could publish
# those pages (core.document_protection); its edit form refuses the rest itself.
hooks.register("before_bulk_action", document_protection.refuse_bulk_delete)
hooks.register("register_log_actions", document_protection.register_log_actions)


@hooks.register("register_admin_urls", order=document_internals.URL_HOOK_ORDER)
def refuse_deleting_documents_pages_use():
    """Wagtail's two document delete views at their own addresses, in front of Wagtail's."""
    return [
        path(
            document_internals.DELETE_PATH,
            document_protection.DeleteView.as_view(),
            name="csp_document_delete",
        ),
        path(
            document_internals.MULTIPLE_DELETE_PATH,
            document_protection.MultipleDeleteView.as_view(),
            name="csp_document_delete_multiple",
        ),
    ]


@hooks.register("register_admin_urls", order=document_internals.URL_HOOK_ORDER)
def list_documents_with_their_accessibility():
    """Wagtail's document listing, with each document's accessibility, at its own addresses."""
    view = document_listing.DocumentIndexView
    return [
        path(document_internals.INDEX_PATH, view.as_view(), name="csp_document_index"),
        path(
            document_internals.INDEX_RESULTS_PATH,
            view.as_view(results_only=True),
            name="csp_document_index_results",
        ),
    ]


@hooks.register("register_admin_urls")
def register_editor_guide_urls():
    return [
        path("guide/", editor_guide.EditorGuideView.as_view(), name="editor_guide"),
        path("guide/images/<str:name>", editor_guide.editor_guide_image, name="editor_guide_image"),
    ]


@hooks.register("construct_help_menu")
def help_menu_opens_the_sites_own_guide(request, menu_items):
    """The help menu's guide is this site's (docs/editors.md), in the admin, in place of
    Wagtail's general guide on the web."""
    menu_items[:] = [item for item in menu_items if item.name != "editor-guide"]
    menu_items.append(
        MenuItem(
            _("Editor guide"), reverse("editor_guide"), name="editor-guide", icon_name="help", order=1100
        )
    )


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin.css"))


@hooks.register("insert_global_admin_js")
def admin_js():
    return format_html('<script src="{}" defer></script>', static("core/admin.js"))


hooks.register("construct_homepage_panels", moderation_panel.use_moderation_panel)


@hooks.register("register_admin_viewset")
def register_explorer():
    """Wagtail's page explorer with its repeated lookups read once (core/explorer.py)."""
    from core.explorer import ExplorerViewSet

    return ExplorerViewSet()

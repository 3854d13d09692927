"""The admin side of translating: translations are drafts until a moderator publishes them
(``i18n.translation_moderation``)."""

from django.urls import path
from wagtail import hooks

from i18n import translation_moderation
from i18n.languages import translations_possible
from i18n.localize_internals import SyncTranslationsView, annotate_translation_state, gate_translation_buttons

gate_translation_buttons()


@hooks.register("register_admin_urls", order=-1)
def register_sync_translations_url():
    # The address of wagtail-localize's own "Sync translated pages" view, registered first
    # so this one answers it.
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            SyncTranslationsView.as_view(),
            name="i18n_sync_translations",
        )
    ]


@hooks.register("before_edit_page", order=-1)
def save_or_submit_translation(request, page):
    return translation_moderation.handle(request, page)


@hooks.register("construct_explorer_page_queryset")
def read_translation_state_with_the_listing(parent_page, pages, request):
    # The explorer's translation buttons read this instead of asking for every row.
    return annotate_translation_state(pages) if translations_possible() else pages

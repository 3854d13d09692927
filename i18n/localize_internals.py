"""Every use of wagtail-localize's undocumented behaviour, in one place.

The translation editor and "Sync translated pages" are wagtail-localize's views; this
module relies on three things they do but do not document:

- a page's synced translation is the ``Translation`` whose source object is the page's
  translation key and whose target is the page's locale, and ``save_target(publish=False)``
  writes the translated text into a new draft revision of the page (``save_draft``);
- "Sync translated pages" is ``UpdateTranslationsView``, whose form's
  ``publish_translations`` field publishes every translation with no check of the user's
  permission to publish (``SyncTranslationsView`` offers it only to those who may);
- the translation editor's template is ``wagtail_localize/admin/edit_translation.html``
  (``i18n/templates/`` extends it with the moderation panel);
- its "Translate this page" / "Sync translated pages" buttons come from
  ``page_listing_more_buttons`` and ``register_snippet_listing_buttons`` in its
  ``wagtail_hooks``, registered as plain Wagtail hooks, and ask two to four queries for
  every row of every listing. ``gate_translation_buttons`` makes them ask none while there
  is nothing to translate into (England); with Welsh on, the page explorer's rows get the
  same buttons from ``explorer_translation_buttons``, which reads what
  ``annotate_translation_state`` adds to the explorer's one query instead.

They were written for ``WRITTEN_FOR``; tests/test_localize_contract.py fails if another
version is installed or any of them has changed. After upgrading wagtail-localize, read
its ``views/update_translations.py``, ``views/edit_translation.py`` and
``Translation.save_target`` against this module, then update ``WRITTEN_FOR``.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views.update_translations import UpdateTranslationsView

from i18n.languages import translations_possible

WRITTEN_FOR = "1.14.5"
EDITOR_TEMPLATE = "wagtail_localize/admin/edit_translation.html"
PUBLISH_FIELD = "publish_translations"


def synced_translation_of(page):
    """The synced translation that ``page`` is the target of, or None (a page translated
    by hand, or the source page itself)."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def save_draft(translation, user):
    """Write the translation's current text into a new draft revision of its target.
    Raises ``ValidationError`` if the translated page does not validate."""
    translation.save_target(user=user, publish=False)


def may_publish(user, instance):
    """Whether ``user`` may make ``instance`` (a translation's target) live."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if isinstance(instance, DraftStateMixin):
        return user.has_perm(get_permission_name("publish", type(instance)))
    # Snippets with no draft state have nothing to publish: saving them is all there is.
    return True


class SyncTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", offering "Publish immediately" only to
    a user who may publish every translation. For anyone else, syncing brings the new
    English text into the translation editor and leaves each translation as it is."""

    def may_publish_every_translation(self):
        for translation in self.object.translations.filter(enabled=True):
            try:
                target = translation.get_target_instance()
            except ObjectDoesNotExist:
                continue
            if not may_publish(self.request.user, target):
                return False
        return True

    def get_form(self):
        form = super().get_form()
        if not self.may_publish_every_translation():
            form.fields.pop(PUBLISH_FIELD, None)
        return form

    def form_valid(self, form):
        if PUBLISH_FIELD not in form.fields:
            form.cleaned_data[PUBLISH_FIELD] = False
        return super().form_valid(form)


# The buttons' labels, icons and order as wagtail-localize gives them. The labels are
# wagtail-localize's msgids, translated by its own catalogue (not extracted into ours).
TRANSLATE_LABEL = "Translate this page"
SYNC_LABEL = "Sync translated pages"
TRANSLATE_ICON = "wagtail-localize-language"
SYNC_ICON = "resubmit"
BUTTON_PRIORITY = 60
SUBMIT_PERMISSION = "wagtail_localize.submit_translation"


def annotate_translation_state(pages):
    """The explorer's pages, each with the two facts wagtail-localize's buttons look up
    row by row: whether a locale has no translation of it yet (aliases do not count), and
    the id of its translation source with an enabled translation (or None)."""
    translated_in = Page.objects.filter(
        translation_key=OuterRef(OuterRef("translation_key")), alias_of__isnull=True
    ).values("locale_id")
    sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        object__content_type=ContentType.objects.get_for_model(Page),
        locale_id=OuterRef("locale_id"),
        translations__enabled=True,
    ).values("pk")[:1]
    return pages.annotate(
        _localize_untranslated=Exists(Locale.objects.exclude(id__in=translated_in)),
        _localize_source_id=Subquery(sources),
    )


def explorer_translation_buttons(page, user, view_name=None, next_url=None):
    """wagtail-localize's ``page_listing_more_buttons``, from what
    ``annotate_translation_state`` read; a page without it (another listing) gets
    wagtail-localize's own."""
    if not hasattr(page, "_localize_untranslated"):
        yield from localize_hooks.page_listing_more_buttons(
            page, user, view_name=view_name, next_url=next_url
        )
        return
    if page.is_root() or not user.has_perm(SUBMIT_PERMISSION):
        return
    if page._localize_untranslated:  # noqa: SLF001 - our own annotation
        url = reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id])
        yield ListingButton(gettext(TRANSLATE_LABEL), url, priority=BUTTON_PRIORITY, icon_name=TRANSLATE_ICON)
    source_id = page._localize_source_id  # noqa: SLF001 - our own annotation
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield ListingButton(gettext(SYNC_LABEL), url, priority=BUTTON_PRIORITY, icon_name=SYNC_ICON)


BUTTON_HOOKS = {
    "register_page_header_buttons": (localize_hooks.page_listing_more_buttons, None),
    "register_page_listing_more_buttons": (
        localize_hooks.page_listing_more_buttons,
        explorer_translation_buttons,
    ),
    "register_snippet_listing_buttons": (localize_hooks.register_snippet_listing_buttons, None),
}


def _only_when_translations_possible(buttons, wrapped):
    def gated(*args, **kwargs):
        if translations_possible():
            yield from buttons(*args, **kwargs)

    gated.wrapped = wrapped
    return gated


def gate_translation_buttons():
    """Replace wagtail-localize's translation buttons with ones that ask nothing while the
    site has no second locale (England), and, in the page explorer, read the explorer's
    annotations: the explorer and snippet listings then cost the same whatever the number
    of rows. The header's buttons (one page) are wagtail-localize's own."""
    registered = hooks._hooks  # noqa: SLF001 - Wagtail's hook registry, see the module docstring
    for name, (buttons, replacement) in BUTTON_HOOKS.items():
        registered[name] = [
            (_only_when_translations_possible(replacement or fn, buttons) if fn is buttons else fn, order)
            for fn, order in registered.get(name, [])
        ]

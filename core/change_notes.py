"""Keeping the public change note a page goes live with (``core.models.change_notes``).

On Wagtail's ``page_published`` signal: when the revision that went live carries a note,
it is kept once (a revision published again adds nothing) and dated the moment the page
went live (for a scheduled publication, when ``publish_scheduled`` put it live). The note
is then emptied from that revision, from later drafts still carrying it (a draft saved
while the publication was scheduled) and from the page itself, so the next edit starts
with an empty field and the same note cannot be published twice by mistake.

Translations are the same page: a note is kept from the source-language page only, and
shown on every language of it. After every publication the page and its translations
get the current list of notes (``refresh_history``), which is what readers see.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Revision
from wagtail.signals import page_published

from core.models.change_notes import ChangeNote, ChangeNoteMixin
from i18n.languages import DEFAULT_LANGUAGE, locale_id_for

FIELD = "public_change_note"


def is_translation(page):
    """Whether ``page`` is a translation of a page in the site's default language."""
    default_locale_id = locale_id_for(DEFAULT_LANGUAGE)
    if page.locale_id == default_locale_id:
        return False
    return Page.objects.filter(translation_key=page.translation_key, locale_id=default_locale_id).exists()


def record(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, ChangeNoteMixin) or revision is None:
        return
    # Wagtail sends the signal for a new page scheduled to go live later, too.
    if not instance.live or instance.live_revision_id != revision.pk:
        return
    note = (revision.content.get(FIELD) or "").strip()
    with transaction.atomic():
        if note and not is_translation(instance):
            ChangeNote.objects.get_or_create(
                revision=revision,
                defaults={
                    "translation_key": instance.translation_key,
                    "page_id": instance.pk,
                    "published_at": instance.last_published_at or timezone.now(),
                    "note": note,
                },
            )
        if note:
            clear(instance, revision, note)
        refresh_history(instance)


def refresh_history(page):
    """Write the notes kept for ``page`` onto it and every translation of it."""
    history = [
        change.as_history_item() for change in ChangeNote.objects.filter(translation_key=page.translation_key)
    ]
    type(page).objects.filter(translation_key=page.translation_key).update(change_history=history)
    page.change_history = history
    page.__dict__.pop("change_notes", None)


def clear(page, revision, note):
    """Empty ``note`` from ``revision``, the drafts after it that still carry it, and the page."""
    revisions = Revision.page_revisions.filter(object_id=str(page.pk), pk__gte=revision.pk)
    for carrying in revisions:
        if (carrying.content.get(FIELD) or "").strip() == note:
            carrying.content[FIELD] = ""
            Revision.objects.filter(pk=carrying.pk).update(content=carrying.content)
    type(page).objects.filter(pk=page.pk).update(**{FIELD: ""})
    setattr(page, FIELD, "")


def connect():
    page_published.connect(record, dispatch_uid="core-record-change-note")

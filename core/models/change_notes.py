"""Public change notes: what an editor tells readers changed when a page is published
again ("Corrected the executive summary"). GOV.UK's pattern: "Published 3 March 2025,
last updated 5 May 2025 — see all updates", then every dated note.

The note is written in the page's own field (``public_change_note``, on the edit form) so
it travels with the draft through the workflow; when the page goes live with a note,
``core.change_notes`` keeps it as a ``ChangeNote`` dated the moment it went live, once
per revision, and empties the field so the next draft starts without it. A minor edit
(no note) leaves "last updated" alone.

A page and its translations are one page: notes are kept by ``translation_key`` and
recorded from the source-language page only, so every language shows the same dated list.

Each page also carries a copy of its notes (``change_history``), rewritten from the
``ChangeNote`` rows whenever any language of it is published and never taken from a
revision (``with_content_json``), so showing them costs no query.
"""

import datetime
from types import SimpleNamespace

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class ChangeNote(models.Model):
    translation_key = models.UUIDField(_("translation key"), db_index=True, editable=False)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
        help_text=_("The page the note was published with."),
    )
    revision = models.OneToOneField(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revision"),
        help_text=_("The revision it was published with: a revision published again adds no second note."),
    )
    published_at = models.DateTimeField(_("published at"), help_text=_("When the update went live."))
    note = models.TextField(_("note"), help_text=_("What changed, in a sentence readers understand."))

    class Meta:
        app_label = "core"
        ordering = ["-published_at", "-pk"]
        verbose_name = _("public change note")
        verbose_name_plural = _("public change notes")

    def __str__(self):
        return self.note

    def as_history_item(self):
        return {"published_at": self.published_at.isoformat(), "note": self.note}


class ChangeNoteMixin(models.Model):
    """A page type with public change notes: add ``FieldPanel("public_change_note")`` to
    its edit form and include ``components/change_history.html`` (under the title) and
    ``components/change_notes.html`` (at the end) in its template."""

    public_change_note = models.TextField(
        _("public change note"),
        blank=True,
        max_length=500,
        help_text=_(
            "Only when you publish an update readers should know about: say what changed in a "
            "sentence, such as 'Corrected the executive summary'. Readers see it, dated, in the "
            "list of updates, and the page shows 'Last updated'. Leave empty for a minor edit, "
            "such as a typing error."
        ),
    )

    change_history = models.JSONField(
        _("change history"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("The public change notes, newest first, as readers see them."),
    )

    class Meta:
        abstract = True

    def with_content_json(self, content):
        # The notes belong to the page, not to a revision: a draft or an older revision
        # published again shows every note kept so far.
        page = super().with_content_json(content)
        page.change_history = self.change_history
        return page

    @cached_property
    def change_notes(self):
        """Every note published for this page in any language, newest first: each with
        ``published_at`` and ``note``."""
        return [
            SimpleNamespace(
                published_at=datetime.datetime.fromisoformat(item["published_at"]), note=item["note"]
            )
            for item in self.change_history or []
        ]

    @property
    def first_published_on(self):
        """The date readers see as "Published": the page's publication date if it has one."""
        date = getattr(self, "publication_date", None)
        if date:
            return date
        return timezone.localdate(self.first_published_at) if self.first_published_at else None

    @property
    def last_updated_on(self):
        """The date of the latest note, or None: minor edits do not count."""
        notes = self.change_notes
        return timezone.localdate(notes[0].published_at) if notes else None

    @property
    def change_notes_lang(self):
        """The ``lang`` of the notes on this page: they are written in the site's default
        language, so a translation marks them as such ("" on a default-language page)."""
        from i18n.languages import DEFAULT_LANGUAGE, html_lang, page_language

        if not self.locale_id or page_language(self) == DEFAULT_LANGUAGE:
            return ""
        return html_lang(DEFAULT_LANGUAGE)

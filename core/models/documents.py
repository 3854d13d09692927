"""The site's document model: Wagtail's document plus what readers are told about a
file before they open it (GOV.UK style: "PDF, 401 KB, 24 pages") and its text, read once
on upload so search can find words inside reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index

from core import search_text
from core.document_text import read_accessibility, read_pdf


class CSPDocument(AbstractDocument):
    page_count = models.PositiveIntegerField(_("page count"), null=True, blank=True, editable=False)
    text_content = models.TextField(_("text content"), blank=True, editable=False)
    # Accessibility facts read from a PDF on upload (None: not read, or not a PDF).
    pdf_tagged = models.BooleanField(_("tagged PDF"), null=True, editable=False)
    pdf_has_title = models.BooleanField(_("PDF has a title"), null=True, editable=False)
    pdf_language = models.CharField(_("PDF language"), max_length=35, blank=True, editable=False)
    # What was taken out of the file before it was stored, one line per item, for editors.
    metadata_removed = models.JSONField(_("metadata removed"), default=list, blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields
    search_fields = AbstractDocument.search_fields + [index.SearchField("search_text_content")]

    class Meta(AbstractDocument.Meta):
        app_label = "home"  # kept when the code moved to core (home.apps)
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def clean(self):
        # Without a file (the form refused the upload, for example as too big) there is no
        # extension to check, and the form's own message says what is wrong.
        if self.file:
            super().clean()

    def save(self, *args, **kwargs):
        if self.file and (self._state.adding or self._file_changed()):
            self.page_count, self.text_content = read_pdf(self.file, self.file_extension)
            self.read_accessibility_facts()
            self.file_size = self.file.size
        super().save(*args, **kwargs)

    def read_accessibility_facts(self):
        """Record whether the file is a tagged PDF with a title and a language."""
        facts = read_accessibility(self.file, self.file_extension)
        self.pdf_tagged, self.pdf_has_title, self.pdf_language = facts

    def _file_changed(self):
        previous = type(self).objects.filter(pk=self.pk).values_list("file", flat=True).first()
        return previous != self.file.name

    def search_text_content(self):
        """The document's text for its own search entry, within the index's limit."""
        return search_text.fit([self.text_content])

    @property
    def file_type_label(self):
        return self.file_extension.upper() or _("File")

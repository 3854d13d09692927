"""A review's documents: each a PDF chosen from Documents, what kind of document it is,
and an optional web version. They are served only while the review is visible
(``dhr.visibility.review_document_verdict``)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from dhr.choosers import NOT_PDF_MESSAGE, review_document_chooser

from .reviews import ReviewPage


class ReviewDocument(Orderable):
    class Kind(models.TextChoices):
        EXECUTIVE_SUMMARY = "executive_summary", _("Executive summary")
        OVERVIEW_REPORT = "overview_report", _("Overview report")
        ACTION_PLAN = "action_plan", _("Action plan")
        HOME_OFFICE_LETTER = "home_office_letter", _("Home Office letter")
        OTHER = "other", _("Other")

    page = ParentalKey(ReviewPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "home.CSPDocument",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
        help_text=_(
            "Choose or upload the anonymised PDF. It can only be downloaded while this review is published."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=Kind.choices,
        default=Kind.OVERVIEW_REPORT,
        help_text=_("What the document is. Readers see this as the link text."),
    )
    html_version = RichTextField(
        _("web version"),
        blank=True,
        features=["h2", "h3", "bold", "ol", "ul", "link"],
        help_text=_(
            "Optional. The document's text as a web page, which is easier to read on a phone "
            "and with assistive technology."
        ),
    )

    # Files uploaded from this chooser go into the section's private collection.
    panels = [
        FieldPanel("document", widget=review_document_chooser.widget_class),
        FieldPanel("kind"),
        FieldPanel("html_version"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("review document")
        verbose_name_plural = _("review documents")

    def __str__(self):
        return self.link_text

    def clean(self):
        super().clean()
        if self.document_id and self.document.file_extension.lower() != "pdf":
            raise ValidationError({"document": NOT_PDF_MESSAGE})

    @property
    def link_text(self):
        return f"{self.get_kind_display()}: {self.page.title}"

    @property
    def html_version_url(self):
        """The web version's address, or "" if it has none yet: a document added in a
        draft is not saved (and has no address) until the review is published."""
        if not self.html_version or self.pk is None or not self.page.url:
            return ""
        return self.page.url + self.page.reverse_subpage("html_version", args=[self.pk])

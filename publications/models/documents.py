"""A publication's documents: each a file chosen from Documents, with the link text
readers see (GOV.UK style: the link, then "PDF, 401 KB, 24 pages")."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .publications import PublicationPage


class PublicationDocument(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "home.CSPDocument",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
        help_text=_("Choose or upload the file. A tagged PDF is easiest to read with assistive technology."),
    )
    title = models.CharField(
        _("link text"),
        max_length=200,
        blank=True,
        help_text=_(
            "What readers see as the link, such as 'Partnership plan 2025 to 2028 (easy read)'. "
            "Leave blank to use the document's own title."
        ),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("publication document")
        verbose_name_plural = _("publication documents")

    def __str__(self):
        return self.link_text

    @property
    def link_text(self):
        return self.title or self.document.title

"""What a review found and recommended, and how far each recommendation's action plan has
got. Both are part of the review's page and revisions: they go through the DHR workflow
with it, are translated with it (wagtail-localize), are checked for identifying details
with its other public fields (``dhr.document_check``) and are shown only while it is."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin

from .reviews import ReviewPage


class KeyFinding(TranslatableMixin, Orderable):
    page = ParentalKey(ReviewPage, on_delete=models.CASCADE, related_name="key_findings")
    text = models.TextField(
        _("finding"),
        max_length=500,
        help_text=_(
            "One thing the review found, in a sentence or two, as the report puts it. Plain "
            "text; nothing that could identify anyone."
        ),
    )

    panels = [FieldPanel("text")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("key finding")
        verbose_name_plural = _("key findings")

    def __str__(self):
        return self.text


class Recommendation(TranslatableMixin, Orderable):
    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")

    page = ParentalKey(ReviewPage, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(
        _("recommendation"),
        max_length=1000,
        help_text=_("The recommendation as the report words it. Plain text; nothing that could identify anyone."),
    )
    agencies = models.CharField(
        _("agencies responsible"),
        max_length=300,
        help_text=_(
            "The agency or agencies that must act on it, such as 'Kelbrook Police; Adult Social "
            "Care'. Separate several with semicolons."
        ),
    )
    theme = models.ForeignKey(
        "themes.Theme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("theme"),
        help_text=_("Optional. The learning theme this recommendation is about."),
    )
    progress = models.CharField(
        _("action plan progress"),
        max_length=20,
        choices=Progress.choices,
        default=Progress.NOT_STARTED,
        help_text=_(
            "How far the action plan has got. Update it, with the date and a note, when the "
            "agency reports back; the change is published through the review's approval as usual."
        ),
    )
    progress_updated = models.DateField(
        _("progress last updated"),
        null=True,
        blank=True,
        help_text=_("The date of the last progress report. Shown to readers as 'Progress last updated'."),
    )
    progress_note = models.CharField(
        _("progress note"),
        max_length=300,
        blank=True,
        help_text=_(
            "Optional. A short public note on the progress, such as 'New training given to all "
            "staff in March'. Nothing that could identify anyone."
        ),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("agencies"),
        FieldPanel("theme"),
        FieldRowPanel([FieldPanel("progress"), FieldPanel("progress_updated")]),
        FieldPanel("progress_note"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return self.text

"""The strategies behind a workstream: each a link to it or an uploaded copy, its
publisher and year, and whether it is current or superseded."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .workstreams import WorkstreamPage


class StrategyDocument(Orderable):
    """A strategy behind a workstream: a link to it or an uploaded copy, and whether it is current."""

    class Status(models.TextChoices):
        CURRENT = "current", _("Current")
        SUPERSEDED = "superseded", _("Superseded")

    page = ParentalKey(WorkstreamPage, on_delete=models.CASCADE, related_name="strategy_documents")
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("The strategy's full title as its publisher gives it."),
    )
    publisher = models.CharField(
        _("publisher"),
        max_length=150,
        help_text=_("Who published it, such as 'Home Office' or 'Welsh Government'."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("The year it was published."),
    )
    month = models.PositiveSmallIntegerField(
        _("month"),
        null=True,
        blank=True,
        choices=sorted(MONTHS.items()),
        help_text=_("Optional. The month it was published, if you know it."),
    )
    link = models.URLField(
        _("link"),
        blank=True,
        help_text=_("The strategy on its publisher's website. Give a link or a document, not both."),
    )
    document = models.ForeignKey(
        "home.CSPDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
        help_text=_(
            "An uploaded copy, for strategies with no public web page. Give a link or a document, not both."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.CURRENT,
        help_text=_("Superseded strategies stay listed, under 'Earlier strategies', never as current."),
    )
    superseded_by = models.CharField(
        _("superseded by"),
        max_length=200,
        blank=True,
        help_text=_(
            "Required for a superseded strategy: what replaced it, such as 'Serious and Organised "
            "Crime Strategy 2018'. Readers see 'Superseded by' followed by this."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("publisher"),
        FieldPanel("year"),
        FieldPanel("month"),
        FieldPanel("link"),
        FieldPanel("document"),
        FieldPanel("status"),
        FieldPanel("superseded_by"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self):
        return self.title

    @property
    def is_superseded(self):
        return self.status == self.Status.SUPERSEDED

    @property
    def published(self):
        """'July 2023', or '2023' when the month is not known."""
        return f"{MONTHS[self.month]} {self.year}" if self.month else str(self.year)

    def clean(self):
        super().clean()
        errors = {}
        has_document = self.document_id is not None
        if self.link and has_document:
            errors["link"] = _("Give a link or a document, not both. Remove one of them.")
        elif not self.link and not has_document:
            errors["link"] = _("Add a link to the strategy or choose an uploaded document.")
        if self.is_superseded and not self.superseded_by.strip():
            errors["superseded_by"] = _("Say what replaced this strategy, or change its status to current.")
        elif not self.is_superseded and self.superseded_by.strip():
            errors["superseded_by"] = _(
                "Only a superseded strategy has this. Clear it, or change the status."
            )
        if errors:
            raise ValidationError(errors)

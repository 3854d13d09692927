"""What a review found and recommended, and how far each recommendation's action plan has
got. Both are part of the review's page and revisions: they go through the DHR workflow
with it, are translated with it (wagtail-localize), are checked for identifying details
with its other public fields (``dhr.document_check``) and are shown only while it is."""

from django.db import models
from django.db.models import CharField, DateField, F, IntegerField, Value
from django.db.models.functions import Cast
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
        help_text=_(
            "The recommendation as the report words it. Plain text; nothing that could identify anyone."
        ),
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

    @property
    def progress_label(self):
        return self.get_progress_display()


# The columns of ``learning_rows``'s one query, each part filling in what it lacks.
_EMPTY_TEXT = Value("", output_field=CharField())


def _columns(kind, **values):
    names = ["order", "text", "agencies", "progress", "progress_updated", "note", "theme_name", "theme_slug"]
    defaults = {
        "order": Value(0, output_field=IntegerField()),
        "progress_updated": Cast(Value(None), output_field=DateField()),  # typed, for PostgreSQL
    }
    columns = {"row_kind": Value(kind, output_field=CharField())}
    for name in names:
        columns[f"row_{name}"] = values.get(name, defaults.get(name, _EMPTY_TEXT))
    return columns


def learning_rows(review, preview=False):
    """``review``'s themes, key findings and recommendations (with their themes' names),
    read in one query: a union of the three, in the editor's order. A preview shows them
    as the editor has them in the form, not as saved."""
    from types import SimpleNamespace

    if preview:
        return {
            "themes": sorted(review.themes.all(), key=lambda theme: theme.name),
            "key_findings": list(review.key_findings.all()),
            "recommendations": list(review.recommendations.all()),
        }

    parts = [
        (
            ReviewPage.themes.through.objects.filter(reviewpage_id=review.pk),
            _columns(
                "theme", text=F("theme__name"), theme_name=F("theme__name"), theme_slug=F("theme__slug")
            ),
        ),
        (
            KeyFinding.objects.filter(page_id=review.pk),
            _columns("finding", order=F("sort_order"), text=F("text")),
        ),
        (
            Recommendation.objects.filter(page_id=review.pk),
            _columns(
                "recommendation",
                order=F("sort_order"),
                text=F("text"),
                agencies=F("agencies"),
                progress=F("progress"),
                progress_updated=F("progress_updated"),
                note=F("progress_note"),
                theme_name=F("theme__name"),
                theme_slug=F("theme__slug"),
            ),
        ),
    ]
    querysets = [queryset.order_by().annotate(**columns).values_list(*columns) for queryset, columns in parts]
    found = {"themes": [], "key_findings": [], "recommendations": []}
    rows = querysets[0].union(*querysets[1:], all=True).order_by("row_kind", "row_order", "row_text")
    labels = dict(Recommendation.Progress.choices)
    for kind, _order, text, agencies, progress, updated, note, theme_name, theme_slug in rows:
        if kind == "theme":
            found["themes"].append(SimpleNamespace(name=theme_name, slug=theme_slug))
        elif kind == "finding":
            found["key_findings"].append(SimpleNamespace(text=text))
        else:
            theme = SimpleNamespace(name=theme_name, slug=theme_slug) if theme_name else None
            found["recommendations"].append(
                SimpleNamespace(
                    text=text,
                    agencies=agencies,
                    progress=progress,
                    progress_label=labels.get(progress, progress),
                    progress_updated=updated,
                    progress_note=note,
                    theme=theme,
                )
            )
    found["themes"].sort(key=lambda theme: theme.name)
    return found


def shown_learning(review):
    """What readers see of ``review``'s learning, as kept on its page row
    (``ReviewPage.learning_shown``) so that serving it costs no query: its relations as
    they are on the object being saved."""
    rows = learning_rows(review, preview=True)
    return {
        "themes": [[theme.name, theme.slug] for theme in rows["themes"]],
        "key_findings": [row.text for row in rows["key_findings"]],
        "recommendations": [
            {
                "text": row.text,
                "agencies": row.agencies,
                "progress": row.progress,
                "progress_updated": row.progress_updated.isoformat() if row.progress_updated else None,
                "progress_note": row.progress_note,
                "theme": [row.theme.name, row.theme.slug] if row.theme_id else None,
            }
            for row in rows["recommendations"]
        ],
    }


def learning_from_shown(shown):
    """``learning_rows``'s shape from a page row's ``learning_shown``."""
    import datetime
    from types import SimpleNamespace

    labels = dict(Recommendation.Progress.choices)
    theme = lambda pair: SimpleNamespace(name=pair[0], slug=pair[1]) if pair else None  # noqa: E731
    return {
        "themes": [theme(pair) for pair in shown.get("themes", [])],
        "key_findings": [SimpleNamespace(text=text) for text in shown.get("key_findings", [])],
        "recommendations": [
            SimpleNamespace(
                **{
                    **row,
                    "theme": theme(row["theme"]),
                    "progress_label": labels.get(row["progress"], row["progress"]),
                    "progress_updated": datetime.date.fromisoformat(row["progress_updated"])
                    if row["progress_updated"]
                    else None,
                }
            )
            for row in shown.get("recommendations", [])
        ],
    }

""""What we have learned": figures across the reviews readers may see now, by theme and by
how far their recommendations have got, in a handful of queries however many reviews
there are. No figure may identify a person, so a theme's count below the page's
threshold is shown as "fewer than" the threshold."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.models import BasePage
from core.visibility import filter_visible
from themes.models import Theme, ThemeIndexPage

from .findings import Recommendation
from .reviews import ReviewPage

DEFAULT_THRESHOLD = 3


class LearningPage(BasePage):
    intro = RichTextField(
        _("introduction"),
        features=["h2", "h3", "bold", "ol", "ul", "link"],
        help_text=_(
            "Plain words for readers who are not practitioners: what a review is for, what a "
            "theme and a recommendation are, and what the figures below show."
        ),
    )
    threshold = models.PositiveSmallIntegerField(
        _("smallest number shown"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(2), MaxValueValidator(20)],
        help_text=_(
            "A theme with fewer reviews than this shows 'fewer than' this number instead of "
            "its count. Small numbers can identify a person: someone who knows a family could "
            "work out which death a single review about a theme is. 3 is the usual minimum."
        ),
    )

    template = "pages/learning_page.html"
    parent_page_types = ["dhr.DHRIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("threshold")]

    class Meta:
        verbose_name = _("what we have learned page")

    def visible_reviews(self, at):
        # The page is served, so its section passed the view restriction check.
        return filter_visible(
            ReviewPage.objects.child_of(self.get_parent()).filter(locale_id=self.locale_id), at
        )

    def theme_counts(self, reviews):
        """Each theme in this page's language with its number of visible reviews, the
        count left out (None) when it is below the threshold."""
        through = ReviewPage.themes.through
        counts = dict(
            through.objects.filter(reviewpage__in=reviews.values("pk"))
            .values("theme__translation_key")
            .annotate(reviews=Count("reviewpage", distinct=True))
            .values_list("theme__translation_key", "reviews")
        )
        theme_index = filter_visible(ThemeIndexPage.objects.filter(locale_id=self.locale_id)).first()
        rows = []
        for theme in Theme.objects.filter(locale_id=self.locale_id):
            count = counts.get(theme.translation_key, 0)
            rows.append(
                {
                    "theme": theme,
                    "url": theme_index.theme_url(theme) if theme_index else "",
                    "count": count if count >= self.threshold else None,
                }
            )
        return rows

    def progress_counts(self, reviews):
        counts = dict(
            Recommendation.objects.filter(page__in=reviews.values("pk"))
            .values("progress")
            .annotate(number=Count("pk"))
            .values_list("progress", "number")
        )
        return [
            {"progress": value, "label": label, "count": counts.get(value, 0)}
            for value, label in Recommendation.Progress.choices
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reviews = self.visible_reviews(timezone.now())
        progress = self.progress_counts(reviews)
        context.update(
            {
                "review_count": reviews.count(),
                "theme_counts": self.theme_counts(reviews),
                "progress_counts": progress,
                "recommendation_count": sum(row["count"] for row in progress),
            }
        )
        return context

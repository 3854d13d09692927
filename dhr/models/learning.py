""" "What we have learned": figures across the reviews readers may see now, by theme and by
how far their recommendations have got, in a handful of queries however many reviews
there are. No figure may identify a person, so a theme's count below the page's
threshold is shown as "fewer than" the threshold."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
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
        # The page is served, so its section passed the view restriction check; its
        # siblings are the section's reviews (found from its own path, without a query).
        return filter_visible(ReviewPage.objects.sibling_of(self).filter(locale_id=self.locale_id), at)

    def theme_counts(self, reviews):
        """Each theme in this page's language with its number of visible reviews (tagged
        with it in any language), the count left out (None) when below the threshold."""
        tagged = (
            ReviewPage.themes.through.objects.filter(
                theme__translation_key=OuterRef("translation_key"), reviewpage__in=reviews.values("pk")
            )
            .order_by()
            .values("theme__translation_key")
            .annotate(reviews=Count("reviewpage", distinct=True))
            .values("reviews")
        )
        themes = Theme.objects.filter(locale_id=self.locale_id).annotate(review_count=Subquery(tagged))
        theme_index = filter_visible(ThemeIndexPage.objects.filter(locale_id=self.locale_id)).first()
        return [
            {
                "theme": theme,
                "url": theme_index.theme_url(theme) if theme_index else "",
                "count": theme.review_count if (theme.review_count or 0) >= self.threshold else None,
            }
            for theme in themes
        ]

    @staticmethod
    def review_and_progress_counts(reviews):
        """The number of visible reviews and of their recommendations at each stage, in one query."""
        counts = reviews.aggregate(
            reviews=Count("pk", distinct=True),
            **{
                value: Count("recommendations", distinct=True, filter=Q(recommendations__progress=value))
                for value in Recommendation.Progress.values
            },
        )
        progress = [
            {"progress": value, "label": label, "count": counts[value]}
            for value, label in Recommendation.Progress.choices
        ]
        return counts["reviews"], progress

    @property
    def section_url(self):
        """The DHR section's address: this page's, one level up (no query for the parent)."""
        return self.url.rstrip("/").rpartition("/")[0] + "/"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reviews = self.visible_reviews(timezone.now())
        review_count, progress = self.review_and_progress_counts(reviews)
        context.update(
            {
                "review_count": review_count,
                "theme_counts": self.theme_counts(reviews),
                "progress_counts": progress,
                "recommendation_count": sum(row["count"] for row in progress),
            }
        )
        return context

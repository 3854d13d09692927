"""The section's landing page: guidance for the public and the list of completed reviews.

The listing costs three queries however many reviews there are: one small row per review
(the filter's years, the number of results and the "available on request" entries, with
the request form's address), one page of reviews, and their documents.
"""

from django.db.models import (
    Aggregate,
    BooleanField,
    Case,
    OuterRef,
    Prefetch,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.feeds import FeedMixin
from core.models import BasePage
from core.pagination import CountedPaginator, pagination, requested_page_number
from core.visibility import filter_visible, visible_q
from dhr.forms import ReviewFilterForm
from dhr.visibility import came_down_q
from ops.fragment_cache import fragment
from themes.models import Theme

from .review_documents import ReviewDocument
from .reviews import ReviewPage, ReviewType

REVIEWS_PER_PAGE = 10
LISTING_TEMPLATE = "dhr/components/review_listing.html"


# A review's themes in its overview row: "slug<US>name", joined with <RS>.
FIELD_SEPARATOR, ROW_SEPARATOR = "\x1f", "\x1e"


class JoinedText(Aggregate):
    """Text values joined with ``ROW_SEPARATOR``: GROUP_CONCAT in SQLite, STRING_AGG in
    PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def __init__(self, expression, **extra):
        super().__init__(expression, Value(ROW_SEPARATOR), **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="STRING_AGG", **extra)


def row_themes(row):
    """The (slug, name) of each theme of a review's overview row."""
    return [
        tuple(item.split(FIELD_SEPARATOR, 1))
        for item in (row["theme_list"] or "").split(ROW_SEPARATOR)
        if item
    ]


def tagged_with(theme):
    """The rows tagging reviews with ``theme`` in any of its languages: a Welsh review
    whose theme has no Welsh version yet still points at the English one."""
    return ReviewPage.themes.through.objects.filter(theme__translation_key=theme.translation_key)


class DHRIndexPage(FeedMixin, BasePage):
    body = StreamField(
        BodyBlock(),
        verbose_name=_("guidance"),
        help_text=_(
            "What a review is, the law behind it, what it is for, how reviews are set up and "
            "what families can expect. The list of completed reviews follows it."
        ),
    )

    template = "pages/dhr_index_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["dhr.ReviewPage", "dhr.RequestCopyFormPage", "dhr.LearningPage"]
    always_show_exit_button = True

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = _("domestic homicide reviews index")

    # The index is served to this reader, so its own and its ancestors' view restrictions
    # have been checked; a review can only add a restriction of its own (it has no children).
    def child_reviews(self):
        return ReviewPage.objects.child_of(self).filter(view_restrictions__isnull=True)

    def feed_pages(self):
        """The reviews in the section's feed (``core.feeds``), which keeps the visible ones."""
        return self.child_reviews()

    def listing_queryset(self, at=None):
        documents = (
            ReviewDocument.objects.select_related("document")
            .defer("document__text_content")
            .order_by("sort_order")
        )
        return (
            filter_visible(self.child_reviews(), at)
            .order_by("-publication_date", "-first_published_at", "-pk")
            .defer("executive_summary", "private_notes", "search_description", "seo_title")
            .prefetch_related(Prefetch("documents", queryset=documents))
        )

    def review_overview(self, at):
        """One small row for every review readers may know about: the visible ones (for the
        filter's years and themes and the result count, by the same rule as the listing itself) and
        the ones that have come down (for "available on request": title and year, nothing
        else), each with the live request form's slug."""
        from .request_copy import RequestCopyFormPage

        form_slug = (
            RequestCopyFormPage.objects.child_of(self)
            .live()
            .filter(view_restrictions__isnull=True)
            .values("slug")[:1]
        )
        return (
            self.child_reviews()
            .filter(visible_q(at) | came_down_q(at))
            .annotate(
                is_current=Case(
                    When(visible_q(at), then=Value(True)), default=Value(False), output_field=BooleanField()
                ),
                request_form_slug=Subquery(form_slug),
                theme_list=Subquery(
                    ReviewPage.themes.through.objects.filter(reviewpage_id=OuterRef("pk"))
                    .order_by()
                    .values("reviewpage_id")
                    .annotate(joined=JoinedText(Concat("theme__slug", Value(FIELD_SEPARATOR), "theme__name")))
                    .values("joined")
                ),
            )
            .order_by("-publication_date", "-pk")
            .values(
                "pk",
                "title",
                "review_type",
                "publication_date",
                "is_current",
                "request_form_slug",
                "theme_list",
            )
        )

    def get_context(self, request, *args, **kwargs):
        """The page's context, with ``review_listing``: the HTML of "Completed reviews" and
        "Reviews available on request". Unfiltered (no query but ``?page=``), that HTML
        is the same for every reader of a page number and language, so it is a fragment
        kept as the page cache keeps pages (ops/fragment_cache.py): dropped by every
        publish, unpublish or settings save and never kept past the next moment a review
        goes live or comes down. Filtered requests are rendered every time."""
        context = super().get_context(request, *args, **kwargs)
        if set(request.GET) <= {"page"}:
            number = requested_page_number(request)
            context["review_listing"] = fragment(
                request,
                "review-listing",
                [self.pk, translation.get_language(), number],
                lambda: self._render_listing(request, self._listing_context(request)),
            )
        else:
            listing = self._listing_context(request)
            context["filter_form"] = listing["filter_form"]
            context["review_listing"] = self._render_listing(request, listing)
        return context

    def _render_listing(self, request, listing):
        return render_to_string(LISTING_TEMPLATE, {**listing, "page": self, "self": self}, request=request)

    def _listing_context(self, request):
        """What the listing shows for this request: the filter form, a page of matching
        reviews with its pagination, and the reviews available on request (three queries)."""
        at = timezone.now()
        overview = list(self.review_overview(at))
        current = [row for row in overview if row["is_current"]]
        years = sorted(
            {row["publication_date"].year for row in current if row["publication_date"]}, reverse=True
        )
        themes = dict(sorted({pair for row in current for pair in row_themes(row)}, key=lambda pair: pair[1]))
        filter_form = ReviewFilterForm(
            request.GET or None, years=years, review_types=ReviewType.choices, themes=themes.items()
        )
        year = review_type = theme = None
        if filter_form.is_bound and filter_form.is_valid():
            year = filter_form.cleaned_data.get("year")
            review_type = filter_form.cleaned_data.get("review_type")
            theme = filter_form.cleaned_data.get("theme")
            if (
                theme
                and theme not in themes
                and not Theme.objects.filter(slug=theme, locale_id=self.locale_id).exists()
            ):
                filter_form.add_error("theme", filter_form.fields["theme"].error_messages["invalid_choice"])
        reviews = self.listing_queryset(at)
        if year:
            reviews = reviews.filter(publication_date__year=year)
        if review_type:
            reviews = reviews.filter(review_type=review_type)
        tagged = None
        if theme:
            tagged = {row["pk"] for row in current if theme in dict(row_themes(row))}
            reviews = reviews.filter(pk__in=tagged)
        matching = [
            row
            for row in current
            if (not year or (row["publication_date"] and row["publication_date"].year == year))
            and (not review_type or row["review_type"] == review_type)
            and (tagged is None or row["pk"] in tagged)
        ]
        if filter_form.is_bound and not filter_form.is_valid():
            reviews, matching = reviews.none(), []
        aged = [
            {
                **row,
                "request_url": f"{self.url}{row['request_form_slug']}/" if row["request_form_slug"] else "",
            }
            for row in overview
            if not row["is_current"]
        ]
        filter_query = self._filter_query(filter_form)
        page_of_reviews = self._paginate(request, reviews, len(matching))
        return {
            "filter_form": filter_form,
            "year_without_reviews": year if year and year not in years else None,
            "reviews": page_of_reviews,
            "pagination": pagination(
                page_of_reviews, lambda number: f"?{filter_query}page={number}#completed-reviews"
            ),
            "aged_reviews": aged,
        }

    @staticmethod
    def _filter_query(filter_form):
        """The active filters as the start of a query string, for pagination links."""
        if not filter_form.is_filtered:
            return ""
        active = {name: value for name, value in filter_form.cleaned_data.items() if value}
        return urlencode(active) + "&"

    def _paginate(self, request, queryset, count):
        number = requested_page_number(request)
        paginator = CountedPaginator(queryset, REVIEWS_PER_PAGE, count)
        if number > paginator.num_pages:
            raise Http404(_("There is no such page of reviews."))
        return paginator.page(number)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        form = response.context_data.get("filter_form") if hasattr(response, "context_data") else None
        if form is not None and form.is_bound and not form.is_valid():
            response.status_code = 400
        return response

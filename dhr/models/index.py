"""The section's landing page: guidance for the public and the list of completed reviews.

The listing costs four queries however many reviews there are: one grouped count (which
gives the filter's years and the number of results), one page of reviews, their
documents, and the "available on request" entries with the request form's address.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Subquery
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Site
from wagtail.search import index

from dhr.forms import ReviewFilterForm
from home.blocks import BodyBlock
from home.models import BasePage

from .reviews import ReviewDocument, ReviewPage, ReviewType

REVIEWS_PER_PAGE = 10
MAX_PAGE_DIGITS = 6


class CountedPaginator(Paginator):
    """A paginator told its total, which the listing already knows from its grouped count."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


class DHRIndexPage(BasePage):
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
    subpage_types = ["dhr.ReviewPage", "dhr.RequestCopyFormPage"]
    always_show_exit_button = True

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = _("domestic homicide reviews index")

    # The index is served to this reader, so its own and its ancestors' view restrictions
    # have been checked; a review can only add a restriction of its own (it has no children).
    def child_reviews(self):
        return ReviewPage.objects.child_of(self).filter(view_restrictions__isnull=True)

    def listing_queryset(self, at=None):
        documents = (
            ReviewDocument.objects.select_related("document")
            .defer("document__text_content")
            .order_by("sort_order")
        )
        return (
            self.child_reviews()
            .current(at)
            .order_by("-publication_date", "-first_published_at", "-pk")
            .defer("executive_summary", "private_notes", "search_description", "seo_title")
            .prefetch_related(Prefetch("documents", queryset=documents))
        )

    def aged_reviews(self, at=None):
        """The "available on request" entries: name, type and year, nothing else, each with
        the slug of the live request-a-copy form (fetched in the same query)."""
        from .request_copy import RequestCopyFormPage

        form_slug = (
            RequestCopyFormPage.objects.child_of(self)
            .live()
            .filter(view_restrictions__isnull=True)
            .values("slug")[:1]
        )
        return (
            self.child_reviews()
            .aged(at)
            .order_by("-publication_date", "-pk")
            .annotate(request_form_slug=Subquery(form_slug))
            .values("pk", "title", "publication_date", "request_form_slug")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        at = timezone.now()
        reviews = self.listing_queryset(at)
        groups = list(
            reviews.order_by()
            .values("review_type", year=ExtractYear("publication_date"))
            .annotate(number=Count("pk"))
        )
        years = sorted({group["year"] for group in groups if group["year"]}, reverse=True)
        filter_form = ReviewFilterForm(request.GET or None, years=years, review_types=ReviewType.choices)
        year = review_type = None
        if filter_form.is_bound and filter_form.is_valid():
            year = filter_form.cleaned_data.get("year")
            review_type = filter_form.cleaned_data.get("review_type")
        matching = [
            group
            for group in groups
            if (not year or group["year"] == year)
            and (not review_type or group["review_type"] == review_type)
        ]
        if year:
            reviews = reviews.filter(publication_date__year=year)
        if review_type:
            reviews = reviews.filter(review_type=review_type)
        if filter_form.is_bound and not filter_form.is_valid():
            reviews, matching = reviews.none(), []
        aged = [
            {
                **entry,
                "request_url": f"{self.url}{entry['request_form_slug']}/"
                if entry["request_form_slug"]
                else "",
            }
            for entry in self.aged_reviews(at)
        ]
        context.update(
            {
                "filter_form": filter_form,
                "filter_query": self._filter_query(filter_form),
                "reviews": self._paginate(request, reviews, sum(group["number"] for group in matching)),
                "aged_reviews": aged,
                "breadcrumb_ancestors": self._breadcrumb_ancestors(request),
            }
        )
        return context

    def _breadcrumb_ancestors(self, request):
        """Home, without a query: the index sits directly under the site's home page."""
        site = Site.find_for_request(request)
        root = site.root_page if site else None
        if root is not None and self.depth == root.depth + 1 and self.path.startswith(root.path):
            return [root]
        return None

    @staticmethod
    def _filter_query(filter_form):
        """The active filters as the start of a query string, for pagination links."""
        if not filter_form.is_filtered:
            return ""
        active = {name: value for name, value in filter_form.cleaned_data.items() if value}
        return urlencode(active) + "&"

    def _paginate(self, request, queryset, count):
        number = request.GET.get("page", "1")
        if not number.isdigit() or len(number) > MAX_PAGE_DIGITS or int(number) < 1:
            raise Http404(_("There is no such page of reviews."))
        paginator = CountedPaginator(queryset, REVIEWS_PER_PAGE, count)
        if int(number) > paginator.num_pages:
            raise Http404(_("There is no such page of reviews."))
        page = paginator.page(int(number))
        page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
        return page

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        form = response.context_data.get("filter_form") if hasattr(response, "context_data") else None
        if form is not None and form.is_bound and not form.is_valid():
            response.status_code = 400
        return response

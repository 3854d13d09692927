"""The section's landing page: guidance for the public and the list of completed reviews."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from dhr.forms import ReviewFilterForm
from home.blocks import BodyBlock
from home.models import BasePage

from .reviews import ReviewDocument, ReviewPage, ReviewType

REVIEWS_PER_PAGE = 10
MAX_PAGE_DIGITS = 6


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

    def listing_queryset(self, at):
        documents = ReviewDocument.objects.select_related("document").order_by("sort_order")
        return (
            ReviewPage.objects.child_of(self)
            .current(at)
            .public()
            .order_by("-publication_date", "-first_published_at", "-pk")
            .prefetch_related(Prefetch("documents", queryset=documents))
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        at = timezone.now()
        reviews = self.listing_queryset(at)
        years = [d.year for d in reviews.order_by().dates("publication_date", "year", order="DESC")]
        filter_form = ReviewFilterForm(request.GET or None, years=years, review_types=ReviewType.choices)
        if filter_form.is_bound and filter_form.is_valid():
            if filter_form.cleaned_data.get("year"):
                reviews = reviews.filter(publication_date__year=filter_form.cleaned_data["year"])
            if filter_form.cleaned_data.get("review_type"):
                reviews = reviews.filter(review_type=filter_form.cleaned_data["review_type"])
        elif filter_form.is_bound:
            reviews = reviews.none()
        context.update(
            {
                "filter_form": filter_form,
                "filter_query": self._filter_query(filter_form),
                "reviews": self._paginate(request, reviews),
                "aged_reviews": ReviewPage.objects.child_of(self)
                .aged(at)
                .public()
                .order_by("-publication_date", "-pk")
                .only("pk", "title", "pseudonym", "review_type", "publication_date"),
                "request_copy_page": self.request_copy_page(),
            }
        )
        return context

    @staticmethod
    def _filter_query(filter_form):
        """The active filters as the start of a query string, for pagination links."""
        if not filter_form.is_filtered:
            return ""
        active = {name: value for name, value in filter_form.cleaned_data.items() if value}
        return urlencode(active) + "&"

    def _paginate(self, request, queryset):
        number = request.GET.get("page", "1")
        if not number.isdigit() or len(number) > MAX_PAGE_DIGITS or int(number) < 1:
            raise Http404(_("There is no such page of reviews."))
        paginator = Paginator(queryset, REVIEWS_PER_PAGE)
        if int(number) > paginator.num_pages:
            raise Http404(_("There is no such page of reviews."))
        page = paginator.page(int(number))
        page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
        return page

    def request_copy_page(self):
        from .request_copy import RequestCopyFormPage

        return RequestCopyFormPage.objects.child_of(self).live().public().first()

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        form = response.context_data.get("filter_form") if hasattr(response, "context_data") else None
        if form is not None and form.is_bound and not form.is_valid():
            response.status_code = 400
        return response

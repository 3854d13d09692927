"""The publications listing: newest first, filtered by kind, a page at a time. Three
queries however many publications there are: the count, one page of them (each with
whether its successor may be seen, ``PublicationPage.visible_successor``), and nothing
per row."""

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.feeds import FeedMixin
from core.models import BasePage
from core.pagination import CountedPaginator, pagination, requested_page_number
from core.visibility import filter_visible
from publications.forms import KindFilterForm

from .publications import PublicationPage

PUBLICATIONS_PER_PAGE = 10


class PublicationIndexPage(FeedMixin, BasePage):
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("introduction"),
        help_text=_("Optional. What the partnership publishes and why. The list of publications follows it."),
    )

    template = "pages/publication_index_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["publications.PublicationPage"]

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = _("publications index")

    # The index is served to this reader, so its own and its ancestors' view restrictions
    # have been checked; a publication can only add a restriction of its own.
    def feed_pages(self):
        return PublicationPage.objects.child_of(self).filter(view_restrictions__isnull=True)

    def listing_queryset(self, at=None, kind=None):
        successor = filter_visible(PublicationPage.objects.filter(pk=OuterRef("superseded_by_id")), at)
        publications = filter_visible(self.feed_pages(), at)
        if kind:
            publications = publications.filter(kind=kind)
        return (
            publications.annotate(successor_visible=Exists(successor))
            .select_related("superseded_by")
            .defer("body", "search_description", "seo_title", "public_change_note")
            .order_by("-publication_date", "-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filter_form = KindFilterForm(request.GET or None)
        kind = ""
        if filter_form.is_bound and filter_form.is_valid():
            kind = filter_form.cleaned_data["kind"]
        publications = self.listing_queryset(timezone.now(), kind)
        if filter_form.is_bound and not filter_form.is_valid():
            publications = publications.none()
        number = requested_page_number(request)
        paginator = CountedPaginator(publications, PUBLICATIONS_PER_PAGE, publications.count())
        if number > paginator.num_pages:
            raise Http404(_("There is no such page of publications."))
        page_of_publications = paginator.page(number)
        prefix = f"kind={kind}&" if kind else ""
        context.update(
            {
                "filter_form": filter_form,
                "kind": kind,
                "kind_label": dict(filter_form.fields["kind"].choices).get(kind, ""),
                "publications": page_of_publications,
                "pagination": pagination(
                    page_of_publications, lambda number: f"?{prefix}page={number}#publications"
                ),
            }
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        form = response.context_data.get("filter_form") if hasattr(response, "context_data") else None
        if form is not None and form.is_bound and not form.is_valid():
            response.status_code = 400
        return response

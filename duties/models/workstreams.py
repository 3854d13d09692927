"""Workstreams: the national and local programmes the partnership delivers (CONTEST,
serious and organised crime, offender management, community cohesion) and their index."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
    TitleFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BodyBlock, ContactBlock, KeyFactsBlock
from core.models import BasePage
from core.visibility import filter_visible, is_visible, keep_visible
from duties.forms import LeadFilterForm

from .common import RICH_TEXT_FEATURES, Lead
from .routing import AncestorPathRestrictionsMixin, SpecificChildRouteMixin

# A filter for one government also shows the workstreams both governments lead.
LEAD_FILTERS = {
    Lead.UK: [Lead.UK, Lead.BOTH],
    Lead.WALES: [Lead.WALES, Lead.BOTH],
    Lead.BOTH: [Lead.BOTH],
    Lead.LOCAL: [Lead.LOCAL],
}


class WorkstreamIndexPage(SpecificChildRouteMixin, AncestorPathRestrictionsMixin, BasePage):
    """/workstreams/: every workstream with its lead and summary, filterable by lead."""

    intro = RichTextField(
        _("introduction"),
        features=["bold", "link", "ul"],
        help_text=_("A short introduction: what a workstream is and how they relate to the partnership."),
    )

    template = "pages/workstream_index_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["duties.WorkstreamPage"]

    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("workstreams index")

    def routable_children(self):
        return WorkstreamPage.objects.child_of(self).select_related("related_duty")

    def workstreams(self, lead=None):
        pages = filter_visible(WorkstreamPage.objects.child_of(self))
        if lead:
            pages = pages.filter(lead__in=LEAD_FILTERS[lead])
        return pages

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = LeadFilterForm(request.GET)
        lead = form.cleaned_data["lead"] if form.is_valid() else ""
        context.update(
            lead_form=form,
            lead=lead,
            lead_label=Lead(lead).label if lead else "",
            workstreams=self.workstreams(lead),
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not LeadFilterForm(request.GET).is_valid():
            # Still a useful page (the error and every workstream), but not a 200 that
            # caches or search engines would keep.
            response.status_code = 400
        return response


class WorkstreamPage(AncestorPathRestrictionsMixin, BasePage):
    """One workstream: what it is, who leads it, its strategies and what happens locally."""

    lead = models.CharField(
        _("lead"),
        max_length=10,
        choices=Lead.choices,
        help_text=_("Who sets the direction for this workstream. Readers can filter the list by this."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("about the workstream"),
        help_text=_("What the workstream is and why it matters, in plain English. Start with a paragraph."),
    )
    key_facts = StreamField(
        [("key_facts", KeyFactsBlock())],
        blank=True,
        max_num=1,
        verbose_name=_("key facts"),
        help_text=_("Optional headline figures, each with who published it and the year it applies to."),
    )
    local_delivery = RichTextField(
        _("local delivery"),
        features=RICH_TEXT_FEATURES,
        help_text=_("What the partners do about this in our area: groups, services and how to get involved."),
    )
    contacts = StreamField(
        [("contact", ContactBlock())],
        blank=True,
        verbose_name=_("contacts"),
        help_text=_("Teams readers can contact about this workstream. Use team inboxes, not named people."),
    )
    related_duty = models.ForeignKey(
        "duties.DutyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("related duty"),
        help_text=_("Optional. The statutory duty this workstream helps the partners meet."),
    )

    template = "pages/workstream_page.html"
    parent_page_types = ["duties.WorkstreamIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("local_delivery"),
        index.FilterField("lead"),
    ]
    content_panels = [
        TitleFieldPanel("title", heading=_("Name"), help_text=_("The workstream's name, such as 'CONTEST'.")),
        FieldPanel("summary"),
        FieldPanel("lead"),
        FieldPanel("body"),
        InlinePanel(
            "strategy_documents",
            heading=_("Strategies"),
            label=_("Strategy"),
            help_text=_(
                "National and local strategies, newest first. When a strategy is replaced, keep it "
                "here, mark it superseded and say what replaced it."
            ),
        ),
        FieldPanel("key_facts"),
        FieldPanel("local_delivery"),
        FieldPanel("contacts"),
        PageChooserPanel("related_duty", page_type="duties.DutyPage"),
        InlinePanel(
            "related_pages",
            heading=_("Related pages"),
            label=_("Related page"),
            help_text=_("Other pages on this site that readers of this one may need."),
        ),
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("next_review_due")],
            heading=_("Content review"),
            help_text=_("Check the strategies and key facts are still current by the review date."),
        ),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("show_exit_button")]

    class Meta:
        verbose_name = _("workstream")

    def strategies(self):
        """``(current, superseded)`` lists, each in the editor's order."""
        current, superseded = [], []
        for strategy in self.strategy_documents.select_related("document"):
            (superseded if strategy.is_superseded else current).append(strategy)
        return current, superseded

    def showable_related_duty(self):
        return self.related_duty if is_visible(self.related_duty) else None

    def showable_related_pages(self):
        links = self.related_pages.select_related("related_page")
        return keep_visible(link.related_page for link in links)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["current_strategies"], context["superseded_strategies"] = self.strategies()
        context["related_duty"] = self.showable_related_duty()
        context["related_pages"] = self.showable_related_pages()
        return context


class WorkstreamRelatedPage(Orderable):
    page = ParentalKey(WorkstreamPage, on_delete=models.CASCADE, related_name="related_pages")
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
        help_text=_("Choose a page on this site. Unpublished or expired pages are not shown to readers."),
    )

    panels = [PageChooserPanel("related_page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")

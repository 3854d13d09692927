"""The statutory duties section: an index page and one page per duty (Section 17 first)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage
from core.visibility import filter_visible, keep_visible
from duties.blocks import AuthorityBlock, DutyFunctionBlock

from .common import RICH_TEXT_FEATURES
from .routing import AncestorPathRestrictionsMixin, SpecificChildRouteMixin


class DutyIndexPage(SpecificChildRouteMixin, AncestorPathRestrictionsMixin, BasePage):
    """/statutory-duties/: what the partnership's legal duties are, and a list of them."""

    intro = RichTextField(
        _("introduction"),
        features=["bold", "link", "ul"],
        help_text=_("A short plain-English introduction to the legal duties the partners share."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("more about the duties"),
        help_text=_(
            "Optional. Shown after the list of duties, for example to mention duties that do not "
            "have their own page yet."
        ),
    )

    template = "pages/duty_index_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["duties.DutyPage"]

    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("statutory duties index")

    def routable_children(self):
        return DutyPage.objects.child_of(self)

    def duties(self):
        return filter_visible(DutyPage.objects.child_of(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["duties"] = self.duties()
        return context


class DutyPage(AncestorPathRestrictionsMixin, BasePage):
    """One statutory duty: the law's words as they stand, who it binds and what we do about it."""

    legislation_title = models.CharField(
        _("legislation"),
        max_length=200,
        help_text=_("The Act's short title with its year, such as 'Crime and Disorder Act 1998'."),
    )
    section = models.CharField(
        _("section"),
        max_length=30,
        help_text=_("The section (and subsection) quoted below, such as '17(1)'. Numbers only."),
    )
    legislation_url = models.URLField(
        _("link to the legislation"),
        help_text=_(
            "The section on legislation.gov.uk, showing the latest version, such as "
            "https://www.legislation.gov.uk/ukpga/1998/37/section/17"
        ),
    )
    statute_text = models.TextField(
        _("wording of the law"),
        help_text=_(
            "The current wording, copied exactly from legislation.gov.uk (the 'latest available' "
            "version). Put each lettered paragraph on its own line."
        ),
    )
    amended_by = models.CharField(
        _("amended by"),
        max_length=300,
        blank=True,
        help_text=_(
            "The Acts that changed the wording, finishing the sentence 'As amended by …', such as "
            "'the Police and Justice Act 2006'. Leave blank if it has never been amended."
        ),
    )
    wording_checked = models.DateField(
        _("wording last checked"),
        help_text=_(
            "When someone last compared the wording above with legislation.gov.uk. Readers see "
            "this date, so update it every time you check, even if nothing changed."
        ),
    )
    applies_to_intro = models.TextField(
        _("who it applies to: introduction"),
        max_length=600,
        blank=True,
        help_text=_("Optional sentence or two before the list of bodies the duty applies to."),
    )
    applies_to = StreamField(
        [("authority", AuthorityBlock())],
        blank=True,
        verbose_name=_("who it applies to"),
        help_text=_(
            "The bodies the duty applies to, such as the responsible authorities, in the order to show them."
        ),
    )
    functions = StreamField(
        [("function", DutyFunctionBlock())],
        blank=True,
        verbose_name=_("functions it covers"),
        help_text=_("The areas of work the duty covers, such as crime and disorder or road safety."),
    )
    how_we_meet_it = RichTextField(
        _("how the partnership meets it"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "What the partners actually do to meet the duty, in plain English. Use level 3 headings."
        ),
    )

    template = "pages/duty_page.html"
    parent_page_types = ["duties.DutyIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("legislation_title", boost=2),
        index.SearchField("statute_text"),
        index.SearchField("how_we_meet_it"),
        index.AutocompleteField("legislation_title"),
    ]
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("legislation_title"),
                FieldPanel("section"),
                FieldPanel("legislation_url"),
                FieldPanel("statute_text"),
                FieldPanel("amended_by"),
                FieldPanel("wording_checked"),
            ],
            heading=_("What the law says"),
        ),
        FieldPanel("applies_to_intro"),
        FieldPanel("applies_to"),
        FieldPanel("functions"),
        FieldPanel("how_we_meet_it"),
        InlinePanel(
            "related_workstreams",
            heading=_("Related workstreams"),
            label=_("Workstream"),
            help_text=_("Workstream pages that help meet this duty."),
        ),
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("next_review_due")],
            heading=_("Content review"),
        ),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("show_exit_button")]

    class Meta:
        verbose_name = _("statutory duty")

    @property
    def citation(self):
        return _("%(legislation)s, section %(section)s") % {
            "legislation": self.legislation_title,
            "section": self.section,
        }

    @property
    def statute_quote(self):
        """The wording as a value for the shared quote block's template."""
        note = _("As amended by %(acts)s.") % {"acts": self.amended_by} if self.amended_by else ""
        return {
            "quote": self.statute_text,
            "citation": self.citation,
            "source_url": self.legislation_url,
            "note": note,
        }

    def showable_related_workstreams(self):
        links = self.related_workstreams.select_related("workstream")
        return keep_visible(link.workstream for link in links)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_workstreams"] = self.showable_related_workstreams()
        return context


class DutyRelatedWorkstream(Orderable):
    page = ParentalKey(DutyPage, on_delete=models.CASCADE, related_name="related_workstreams")
    workstream = models.ForeignKey(
        "duties.WorkstreamPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("workstream"),
        help_text=_("Choose a workstream page. Unpublished ones are not shown to readers."),
    )

    panels = [PageChooserPanel("workstream", page_type="duties.WorkstreamPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related workstream")

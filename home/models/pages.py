"""The home page (the partnership overview) and the general-purpose standard page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from core.blocks import (
    AccordionBlock,
    BodyBlock,
    CalloutBlock,
    DocumentListBlock,
    ParagraphBlock,
    WarningTextBlock,
)
from core.models import BasePage


class PriorityBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, help_text=_("The priority in a few words."))
    description = blocks.TextBlock(
        help_text=_("One or two sentences on what the partnership is doing about it.")
    )

    class Meta:
        icon = "pick"
        template = "components/streamfield/blocks/priority.html"


class FeaturedSectionBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(help_text=_("The section's main page."))
    description = blocks.CharBlock(
        max_length=200,
        help_text=_("One sentence on what readers find in the section."),
    )

    class Meta:
        icon = "link"
        template = "components/streamfield/blocks/featured_section.html"


class NoticesBlock(blocks.StreamBlock):
    """What the home page can say for a while, from the site's shared blocks."""

    callout = CalloutBlock()
    warning = WarningTextBlock()
    paragraph = ParagraphBlock()
    documents = DocumentListBlock()
    accordion = AccordionBlock()


class HomePage(BasePage):
    intro = RichTextField(
        _("introduction"),
        features=["bold", "link"],
        help_text=_("A short welcome: who the partnership is and what this site offers."),
    )
    about_csp = RichTextField(
        _("what a community safety partnership is"),
        features=["h2", "h3", "bold", "link", "ul", "ol"],
        help_text=_(
            "Explain what a community safety partnership is and the Crime and Disorder Act "
            "1998 that set it up, in plain English."
        ),
    )
    partners_intro = models.CharField(
        _("partners introduction"),
        max_length=300,
        blank=True,
        help_text=_("Optional sentence before the list of partner organisations."),
    )
    priorities = StreamField(
        [("priority", PriorityBlock())],
        blank=True,
        verbose_name=_("priorities"),
        help_text=_("The partnership's current priorities, most important first."),
    )
    notices = StreamField(
        NoticesBlock(),
        blank=True,
        verbose_name=_("notices"),
        help_text=_(
            "Optional. Shown under the introduction: a callout, warning text, a paragraph, "
            "a list of documents or an accordion, such as a consultation or a new report. "
            "Remove a notice once it no longer applies."
        ),
    )
    featured_sections = StreamField(
        [("section", FeaturedSectionBlock())],
        blank=True,
        verbose_name=_("featured sections"),
        help_text=_("Cards linking to the main sections of the site."),
    )

    template = "pages/home_page.html"
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("about_csp"),
        index.SearchField("notices"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("notices"),
        FieldPanel("about_csp"),
        FieldPanel("partners_intro"),
        InlinePanel("partners", heading=_("Partners"), label=_("Partner")),
        FieldPanel("priorities"),
        FieldPanel("featured_sections"),
    ]

    class Meta:
        verbose_name = _("home page")


class HomePagePartner(TranslatableMixin, Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=150, help_text=_("The organisation's full name."))
    role = models.CharField(
        _("role"),
        max_length=200,
        help_text=_("What it does in the partnership, such as 'Responsible authority: police'."),
    )
    url = models.URLField(_("website"), blank=True, help_text=_("Optional link to its website."))
    is_responsible_authority = models.BooleanField(
        _("responsible authority"),
        default=False,
        help_text=_("Tick if the Crime and Disorder Act 1998 names it as a responsible authority."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("url"),
        FieldPanel("is_responsible_authority"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("partner")


class StandardPage(BasePage):
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        help_text=_("The page's content, built from blocks. Start with a paragraph, not a heading."),
    )

    template = "pages/standard_page.html"
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")

"""A publication of the partnership: its plan or strategy, a strategic assessment summary,
an annual report or a practitioner briefing. Its documents are listed the GOV.UK way, it
may have a web version (its body, at ``web-version/``), it may be superseded by a newer
publication, and it keeps public change notes (``core.models.change_notes``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core import search_text
from core.blocks import BodyBlock
from core.models import BasePage, ChangeNoteMixin
from core.models.base import today
from core.visibility import filter_visible

from .kinds import Kind


class PublicationPageForm(WagtailAdminPageForm):
    """Offers only the themes in the publication's own language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from themes.models import Theme

        locale_id = self.instance.locale_id or (self.parent_page.locale_id if self.parent_page else None)
        if locale_id is not None and "themes" in self.fields:
            self.fields["themes"].queryset = Theme.objects.filter(locale_id=locale_id)


class PublicationPage(RoutablePageMixin, ChangeNoteMixin, BasePage):
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=Kind.choices,
        default=Kind.PLAN,
        help_text=_("What the publication is. Readers can filter the list of publications by this."),
    )
    publication_date = models.DateField(
        _("publication date"),
        default=today,
        help_text=_("The date it was published, shown to readers as 'Published'. Newest are listed first."),
    )
    publisher = models.CharField(
        _("publisher"),
        max_length=150,
        help_text=_("Who published it: usually the partnership, or the partners who wrote it together."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("web version"),
        help_text=_(
            "Optional. The publication's text as a web page, which is easier to read on a phone "
            "and with assistive technology. It is listed first among the documents."
        ),
    )
    superseded_by = models.ForeignKey(
        "publications.PublicationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("superseded by"),
        help_text=_(
            "If a newer publication replaces this one, such as the next partnership plan, choose "
            "it. Once the newer one is published, readers are told this one is superseded and "
            "are sent to it. This one stays online, listed as superseded."
        ),
    )
    themes = ParentalManyToManyField(
        "themes.Theme",
        blank=True,
        related_name="publications",
        verbose_name=_("themes"),
        help_text=_(
            "Optional. The learning themes it is about, chiefly for practitioner briefings. While "
            "it is online and not superseded, it is listed on each theme's page."
        ),
    )

    template = "pages/publication_page.html"
    base_form_class = PublicationPageForm
    html_version_template = "pages/publication_html_version.html"
    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("publisher"),
        index.SearchField("kind_label"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("publication_date"),
    ]
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("publication_date"), FieldPanel("publisher")],
            heading=_("The publication"),
        ),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
        FieldPanel("body"),
        FieldPanel("superseded_by"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("public_change_note"),
    ]

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def clean(self):
        super().clean()
        successor = self.superseded_by
        if successor is not None and self.pk is not None:
            if successor.pk == self.pk:
                raise ValidationError({"superseded_by": _("A publication cannot supersede itself.")})
            if successor.superseded_by_id == self.pk:
                raise ValidationError(
                    {"superseded_by": _("That publication is superseded by this one. Choose a newer one.")}
                )

    @property
    def kind_label(self):
        return str(self.get_kind_display())

    @cached_property
    def visible_successor(self):
        """The publication that supersedes this one, once a reader may see it; else None.
        The listing annotates ``successor_visible`` so it need not ask for each row."""
        if self.superseded_by_id is None:
            return None
        if hasattr(self, "successor_visible"):
            return self.superseded_by if self.successor_visible else None
        return filter_visible(PublicationPage.objects.filter(pk=self.superseded_by_id)).first()

    def search_document_text(self):
        return search_text.fit(
            [item.document.text_content for item in self.documents.all() if item.document_id]
        )

    @property
    def html_version_url(self):
        """The web version's address, or "" without one (or before the page has an address)."""
        if not self.body or not self.url:
            return ""
        return self.url + self.reverse_subpage("html_version")

    @path("web-version/", name="html_version")
    def html_version(self, request):
        if not self.body:
            raise Http404(_("This publication has no web version."))
        return self.render(request, template=self.html_version_template)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["document_items"] = self.documents.select_related("document").defer("document__text_content")
        return context


def superseded_publications(at=None):
    """The publications that a publication a reader may see at ``at`` (default now) has
    superseded: listed after current ones in search, left off a theme's page."""
    return PublicationPage.objects.filter(
        superseded_by__in=filter_visible(PublicationPage.objects.all(), at).values("pk")
    )

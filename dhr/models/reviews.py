"""A completed review, its documents and the rules for when it may be seen.

A review is public only while it is live and its ``expire_at`` has not passed. After that
it answers 410 with a short "request a copy" page, whether or not ``publish_scheduled``
has unpublished it yet, and its documents are not served (see ``dhr.wagtail_hooks``).
"""

import json
import logging

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager, Site
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from core.models import BasePage, SiteSettings, not_expired
from dhr.breadcrumbs import routed_ancestors
from dhr.forms import ReviewPageForm
from dhr.panels import ComesDownPanel, review_settings_panels
from dhr.publication import (
    DEFAULT_PUBLICATION_MONTHS,
    ReviewNotReadyToPublish,
    apply_publication_dates,
    check_ready,
    missing_message,
    missing_requirements,
)
from dhr.translations import SYNCHRONISED_FIELDS, copy_synchronised_fields, source_for_publishing
from i18n.languages import DEFAULT_LANGUAGE, page_language, translations_possible
from i18n.nation import Nation

logger = logging.getLogger(__name__)

SCHEDULED_PUBLISH_ACTION = "wagtail.publish.scheduled"


class ReviewType(models.TextChoices):
    DHR = "dhr", _("Domestic Homicide Review")
    DARDR = "dardr", _("Domestic Abuse Related Death Review")
    SUSR = "susr", _("Single Unified Safeguarding Review")

    @classmethod
    def for_nation(cls, nation):
        """The kind a new review starts as: a Single Unified Safeguarding Review in Wales
        (they replaced DHRs there on 1 October 2024), a Domestic Homicide Review in England."""
        return cls.SUSR if nation == Nation.WALES else cls.DHR


def current_q(at):
    """Reviews readers may see now: live and not past their come-down date."""
    return Q(live=True) & (Q(expire_at__isnull=True) | Q(expire_at__gt=at))


def aged_q(at):
    """Reviews that were published and have come down, before or after ``publish_scheduled``
    unpublished them. Only their "available on request" entry is public."""
    return Q(live=True, expire_at__lte=at) | Q(live=False, expired=True, first_published_at__isnull=False)


class ReviewPageQuerySet(PageQuerySet):
    def current(self, at=None):
        """Reviews readers may see now. A review and its translations are one review: once
        any language of it has come down, every language has (``aged_translation_keys``)."""
        at = at or timezone.now()
        return not_expired(self.live(), at).exclude(translation_key__in=aged_translation_keys(at))

    def aged(self, at=None):
        return self.filter(aged_q(at or timezone.now()))


def live_past_come_down(at=None):
    """Reviews still live in the database although their come-down date has passed
    (``publish_scheduled`` has not run yet)."""
    return ReviewPage.objects.filter(live=True, expire_at__lte=at or timezone.now())


def aged_translation_keys(at=None):
    """A subquery: the translation keys of reviews still live in some language past that
    language's come-down date. Their translations come down at the same moment, even if
    their own dates have drifted; ``publish_scheduled`` then unpublishes them all
    (``dhr.translations``)."""
    return live_past_come_down(at).values("translation_key")


ReviewPageManager = PageManager.from_queryset(ReviewPageQuerySet)


def publication_months_for(page):
    """The site's publication period for reviews under ``page`` (or its parent)."""
    site = page.get_site() if page.url_path else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return DEFAULT_PUBLICATION_MONTHS
    return SiteSettings.for_site(site).review_publication_months


def _json_value(value):
    """``value`` as Wagtail stores it in a revision's JSON content."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


class ReviewPage(RoutablePageMixin, BasePage):
    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=60,
        help_text=_(
            "The name agreed with the family, without quotation marks, such as Lesley. "
            "The page title is made from this and the review type."
        ),
    )
    review_type = models.CharField(
        _("review type"),
        max_length=10,
        choices=ReviewType.choices,
        default=ReviewType.DHR,
        help_text=_(
            "The kind of review, as named on the report. Reviews in Wales since October 2024 "
            "are Single Unified Safeguarding Reviews."
        ),
    )
    death_month = models.PositiveSmallIntegerField(
        _("month of death"),
        choices=list(MONTHS.items()),
        null=True,
        blank=True,
        help_text=_("Optional. Only give it if the family agreed and the report gives it."),
    )
    death_year = models.PositiveSmallIntegerField(
        _("year of death"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Optional. Needed if you give the month."),
    )
    joint_review_with = models.CharField(
        _("joint review with"),
        max_length=200,
        blank=True,
        help_text=_(
            "If the review was held jointly, the other partnership or partnerships, such as "
            "'Safer Kelbrook Partnership'. Leave blank otherwise."
        ),
    )
    home_office_approval_date = models.DateField(
        _("Home Office approval date"),
        null=True,
        blank=True,
        help_text=_(
            "The date the Home Office Quality Assurance Panel approved the report. Required "
            "before publishing."
        ),
    )
    publication_date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_(
            "Shown to readers as 'Published'. Leave blank to use the day it goes live. The "
            "review comes down a set number of months after this date."
        ),
    )
    keep_online_until = models.DateField(
        _("keep online until"),
        null=True,
        blank=True,
        help_text=_(
            "Leave blank to use the site's standard publication period. Set a date to take "
            "the review down at the end of that day instead, for example to restore it."
        ),
    )
    executive_summary = RichTextField(
        _("executive summary (web version)"),
        blank=True,
        features=["h2", "h3", "bold", "ol", "ul", "link"],
        help_text=_(
            "Optional. The executive summary as a web page, copied from the approved report. "
            "Use headings level 2 and 3."
        ),
    )
    checklist_pseudonym_agreed = models.BooleanField(
        _("the family agreed the pseudonym"),
        default=False,
        help_text=_("Tick once the family has agreed the pseudonym used in the report and on this page."),
    )
    checklist_family_told = models.BooleanField(
        _("the family were told the publication date"),
        default=False,
        help_text=_("Tick once the family knows the date the review will be published."),
    )
    checklist_documents_anonymised = models.BooleanField(
        _("the documents are anonymised"),
        default=False,
        help_text=_(
            "Tick once someone has checked every document for names, places and details "
            "that could identify anyone."
        ),
    )
    checklist_home_office_approved = models.BooleanField(
        _("Home Office approval received"),
        default=False,
        help_text=_("Tick once you hold the Home Office letter approving publication."),
    )
    private_notes = models.TextField(
        _("private notes"),
        blank=True,
        help_text=_("Notes for the team, such as who spoke to the family. Never shown on the website."),
    )

    objects = ReviewPageManager()

    # Names and notes are copied to translations, never sent for translation; wagtail-localize
    # already copies the dates, choices and checklist (dhr/translations.py).
    override_translatable_fields = [
        SynchronizedField("pseudonym"),
        SynchronizedField("joint_review_with"),
        SynchronizedField("private_notes"),
    ]

    template = "pages/review_page.html"
    gone_template = "pages/review_gone.html"
    html_version_template = "pages/review_html_version.html"
    parent_page_types = ["dhr.DHRIndexPage"]
    subpage_types = []
    always_show_exit_button = True

    # Public fields only: the checklist and private notes are never indexed.
    search_fields = BasePage.search_fields + [
        index.SearchField("pseudonym", boost=3),
        index.AutocompleteField("pseudonym"),
        index.SearchField("review_type_label"),
        index.SearchField("joint_review_with"),
        index.SearchField("executive_summary"),
        index.SearchField("search_document_text"),
        index.FilterField("review_type"),
        index.FilterField("publication_date"),
    ]

    content_panels = [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("pseudonym"),
                FieldPanel("review_type"),
                FieldRowPanel([FieldPanel("death_month"), FieldPanel("death_year")]),
                FieldPanel("joint_review_with"),
            ],
            heading=_("The review"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("home_office_approval_date"),
                FieldPanel("publication_date"),
                FieldPanel("keep_online_until"),
                ComesDownPanel(heading=_("When it comes down")),
            ],
            heading=_("Dates"),
        ),
        FieldPanel("executive_summary"),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
    ]
    checklist_panels = [
        HelpPanel(
            content=_(
                "<p>Only editors see this tab: nothing here is shown on the website or found by "
                "search. Every item must be ticked, and the Home Office approval date given, "
                "before the review can be published.</p>"
            )
        ),
        FieldPanel("checklist_pseudonym_agreed"),
        FieldPanel("checklist_family_told"),
        FieldPanel("checklist_documents_anonymised"),
        FieldPanel("checklist_home_office_approved"),
        FieldPanel("private_notes"),
    ]
    promote_panels = BasePage.promote_panels
    settings_panels = review_settings_panels()
    base_form_class = ReviewPageForm
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(checklist_panels, heading=_("Before publishing")),
            ObjectList(promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return self.title

    # Title and labels -------------------------------------------------------------

    @staticmethod
    def title_for(review_type, pseudonym, language=DEFAULT_LANGUAGE):
        with translation.override(language):
            label = ReviewType(review_type).label if review_type in ReviewType.values else ""
            return _("%(review_type)s into the death of '%(pseudonym)s'") % {
                "review_type": label,
                "pseudonym": pseudonym,
            }

    def build_title(self):
        """The title in the page's own language, whichever language the editor's admin is in."""
        language = page_language(self) if self.locale_id else DEFAULT_LANGUAGE
        return self.title_for(self.review_type, self.pseudonym, language)

    @property
    def review_type_label(self):
        return str(self.get_review_type_display())

    @property
    def death_month_year(self):
        if self.death_year and self.death_month:
            return f"{MONTHS[self.death_month]} {self.death_year}"
        return str(self.death_year) if self.death_year else ""

    def search_document_text(self):
        """The text of the review's documents, for the search index."""
        return "\n".join(item.document.text_content for item in self.documents.all() if item.document_id)

    # Validation and saving -------------------------------------------------------

    def full_clean(self, *args, **kwargs):
        if self.pseudonym:
            self.title = self.build_title()
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        this_year = timezone.localdate().year
        if self.death_month and not self.death_year:
            errors["death_year"] = _("Enter the year of death, or leave the month blank.")
        if self.death_year and self.death_year > this_year:
            errors["death_year"] = _("The year of death cannot be in the future.")
        if self.home_office_approval_date and self.home_office_approval_date > timezone.localdate():
            errors["home_office_approval_date"] = _("The approval date cannot be in the future.")
        if (
            self.publication_date
            and self.home_office_approval_date
            and self.publication_date < self.home_office_approval_date
        ):
            errors["publication_date"] = _(
                "A review can only be published after the Home Office approved it. Check both dates."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.pseudonym:
            self.title = self.build_title()
        if self._is_going_live(kwargs.get("update_fields")):
            # The last line of defence for any route that makes the page live.
            source = source_for_publishing(self)
            if source is not None:
                copy_synchronised_fields(source, self)
            check_ready(self)
            if source is None:
                apply_publication_dates(self, publication_months_for(self))
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = list(kwargs["update_fields"]) + SYNCHRONISED_FIELDS
        result = super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None:
            # Wagtail indexes the page on post_save, before the document rows are written;
            # index it again now, so the documents' text is searchable.
            index.insert_or_update_object(self)
        return result

    def _is_going_live(self, update_fields):
        if not self.live:
            return False
        if update_fields is not None and not {"live", "live_revision"} & set(update_fields):
            return False
        if self.pk is None:
            return True
        row = Page.objects.filter(pk=self.pk).values("live", "live_revision_id").first()
        return row is None or not row["live"] or row["live_revision_id"] != self.live_revision_id

    def publish(
        self,
        revision,
        user=None,
        changed=True,
        log_action=True,
        previous_revision=None,
        skip_permission_checks=False,
    ):
        """Publish only a review that is ready, with its publication and come-down dates set.

        The create view, workflow approval and ``publish_scheduled`` all come through here.
        A scheduled go-live that is not ready is cancelled and logged rather than raised, so
        that one bad review does not stop ``publish_scheduled`` publishing other pages.
        """
        candidate = revision.as_object()
        source = source_for_publishing(candidate)
        if source is not None:
            copy_synchronised_fields(source, candidate)
            for name in SYNCHRONISED_FIELDS:
                revision.content[name] = _json_value(getattr(candidate, name))
        missing = missing_requirements(candidate)
        if missing:
            if log_action == SCHEDULED_PUBLISH_ACTION:
                logger.error(
                    "Scheduled publication of review pk=%s cancelled: %s",
                    self.pk,
                    missing_message(missing),
                )
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
                return None
            raise ReviewNotReadyToPublish(missing)
        if source is None:
            apply_publication_dates(candidate, publication_months_for(self))
        revision.content["publication_date"] = _json_value(candidate.publication_date)
        revision.content["expire_at"] = _json_value(candidate.expire_at)
        revision.save(update_fields=["content"])
        return super().publish(
            revision,
            user=user,
            changed=changed,
            log_action=log_action,
            previous_revision=previous_revision,
            skip_permission_checks=skip_permission_checks,
        )

    # What readers can reach ------------------------------------------------------

    def is_gone(self, at=None):
        """Published once and now past its come-down date, before or after
        ``publish_scheduled`` has unpublished it, in this language or in any other: a
        review and its translations come down together."""
        if self._is_gone_itself(at):
            return True
        if at is not None:
            return self._translation_gone(at)
        if not hasattr(self, "_translation_gone_now"):
            # Routing and serving ask within the same request; one query answers both.
            self._translation_gone_now = self._translation_gone(timezone.now())
        return self._translation_gone_now

    def _is_gone_itself(self, at=None):
        if self.live:
            return self.is_expired(at)
        return self.expired and self.first_published_at is not None

    def _translation_gone(self, at):
        if not translations_possible():
            return False
        return (
            live_past_come_down(at).filter(translation_key=self.translation_key).exclude(pk=self.pk).exists()
        )

    def route(self, request, path_components):
        # Wagtail's routing answers 404 for an unpublished page; an aged review answers
        # 410 on its own URL and every URL below it, whoever unpublished it.
        if self.is_gone():
            return RouteResult(self)
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        if self.is_gone() and not getattr(request, "is_preview", False):
            return self.serve_gone(request)
        return super().serve(request, *args, **kwargs)

    def serve_gone(self, request):
        """The short 410 page: which review it was and how to ask for a copy, nothing more."""
        context = {
            "page": self,
            "self": self,
            "request": request,
            "request_copy_url": self.request_copy_url,
            "publication_year": self.publication_date.year if self.publication_date else None,
            "breadcrumb_ancestors": routed_ancestors(self),
        }
        return TemplateResponse(request, self.gone_template, context, status=410)

    @path("html/<int:item_id>/", name="html_version")
    def html_version(self, request, item_id):
        item = self.documents.filter(pk=item_id).exclude(html_version="").select_related("document").first()
        if item is None:
            raise Http404(_("This document has no web version."))
        return self.render(
            request,
            template=self.html_version_template,
            context_overrides={"item": item, "page_is_english": page_language(self) == DEFAULT_LANGUAGE},
        )

    @cached_property
    def request_copy_page(self):
        from dhr.models.request_copy import RequestCopyFormPage

        # The review is being served, so its parent passed the view restriction check.
        return (
            RequestCopyFormPage.objects.sibling_of(self).live().filter(view_restrictions__isnull=True).first()
        )

    @property
    def request_copy_url(self):
        page = self.request_copy_page
        return f"{page.url}?review={self.pk}" if page else ""

    def get_sitemap_urls(self, request=None):
        if self.is_gone():
            return []
        return super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["document_items"] = self.documents.select_related("document")
        context["breadcrumb_ancestors"] = routed_ancestors(self)
        return context


class ReviewDocument(Orderable):
    class Kind(models.TextChoices):
        EXECUTIVE_SUMMARY = "executive_summary", _("Executive summary")
        OVERVIEW_REPORT = "overview_report", _("Overview report")
        ACTION_PLAN = "action_plan", _("Action plan")
        HOME_OFFICE_LETTER = "home_office_letter", _("Home Office letter")
        OTHER = "other", _("Other")

    page = ParentalKey(ReviewPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "home.CSPDocument",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
        help_text=_(
            "Choose or upload the anonymised file. It can only be downloaded while this review is published."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=Kind.choices,
        default=Kind.OVERVIEW_REPORT,
        help_text=_("What the document is. Readers see this as the link text."),
    )
    html_version = RichTextField(
        _("web version"),
        blank=True,
        features=["h2", "h3", "bold", "ol", "ul", "link"],
        help_text=_(
            "Optional. The document's text as a web page, which is easier to read on a phone "
            "and with assistive technology."
        ),
    )

    panels = [FieldPanel("document"), FieldPanel("kind"), FieldPanel("html_version")]

    class Meta(Orderable.Meta):
        verbose_name = _("review document")
        verbose_name_plural = _("review documents")

    def __str__(self):
        return self.link_text

    @property
    def link_text(self):
        return f"{self.get_kind_display()}: {self.page.title}"

    @property
    def html_version_url(self):
        if not self.html_version:
            return ""
        return self.page.url + self.page.reverse_subpage("html_version", args=[self.pk])

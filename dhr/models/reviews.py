"""A completed review: its fields, title, validation and what it shows readers.

Elsewhere: when it may be seen (``dhr.visibility``, asked through ``core.visibility``), how
it goes live (``dhr.publication``), its documents (``dhr.models.review_documents``) and its
edit screen (``dhr.panels``). Over 300 lines only because each field carries the help text
editors read.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core import search_text
from core.models import BasePage, ChangeNoteMixin
from dhr.forms import ReviewPageForm
from dhr.panels import (
    review_checklist_panels,
    review_content_panels,
    review_edit_handler,
    review_settings_panels,
)
from dhr.publication import prepare_to_publish, prepare_to_save
from i18n.languages import DEFAULT_LANGUAGE, page_language
from i18n.nation import Nation


class ReviewType(models.TextChoices):
    DHR = "dhr", _("Domestic Homicide Review")
    DARDR = "dardr", _("Domestic Abuse Related Death Review")
    SUSR = "susr", _("Single Unified Safeguarding Review")

    @classmethod
    def for_nation(cls, nation):
        """The kind a new review starts as: a Single Unified Safeguarding Review in Wales
        (they replaced DHRs there on 1 October 2024), a Domestic Homicide Review in England."""
        return cls.SUSR if nation == Nation.WALES else cls.DHR


class ReviewPage(RoutablePageMixin, ChangeNoteMixin, BasePage):
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
    themes = ParentalManyToManyField(
        "themes.Theme",
        blank=True,
        related_name="reviews",
        verbose_name=_("themes"),
        help_text=_(
            "Optional. The learning themes the review is about. The review is listed on each "
            "theme's page while it is online, and readers can filter the reviews by theme."
        ),
    )
    learning_shown = models.JSONField(
        _("learning shown"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Kept by the site: the themes, findings and recommendations as published."),
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
    identifying_details = models.TextField(
        _("identifying details to check for"),
        blank=True,
        help_text=_(
            "One per line: everything that must never appear on the website. The names of the "
            "person who died, the perpetrator, children and other family members, with every "
            "variant (maiden names, nicknames, initials with surnames); addresses and street "
            "names; dates of birth; employers and schools; anything else the review panel "
            "lists. Every document and this page's public fields are checked for each line "
            "before the review can be published. Never shown, searched or sent for translation."
        ),
    )
    private_notes = models.TextField(
        _("private notes"),
        blank=True,
        help_text=_("Notes for the team, such as who spoke to the family. Never shown on the website."),
    )

    # Names and notes are copied to translations, never sent for translation; wagtail-localize
    # already copies the dates, choices and checklist (dhr/translations.py).
    override_translatable_fields = [
        SynchronizedField("pseudonym"),
        SynchronizedField("joint_review_with"),
        SynchronizedField("private_notes"),
        SynchronizedField("identifying_details"),
        # Kept from the English page for every language (core.change_notes).
        SynchronizedField("public_change_note", overridable=False),
    ]

    template = "pages/review_page.html"
    gone_template = "pages/review_gone.html"
    html_version_template = "pages/review_html_version.html"
    parent_page_types = ["dhr.DHRIndexPage"]
    subpage_types = []
    always_show_exit_button = True

    # Public fields only: the checklist, identifying details and private notes are never indexed.
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

    content_panels = review_content_panels()
    checklist_panels = review_checklist_panels()
    promote_panels = BasePage.promote_panels
    settings_panels = review_settings_panels()
    base_form_class = ReviewPageForm
    edit_handler = review_edit_handler(content_panels, checklist_panels, promote_panels, settings_panels)

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
        """The text of the review's documents, for the search index, within its limit."""
        return search_text.fit(
            [item.document.text_content for item in self.documents.all() if item.document_id]
        )

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
        kwargs["update_fields"] = prepare_to_save(self, kwargs.get("update_fields"))
        if kwargs.get("update_fields") is None:
            from .findings import shown_learning

            self.learning_shown = shown_learning(self)
        result = super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None:
            # Wagtail indexes the page on post_save, before the document rows are written;
            # index it again now, so the documents' text is searchable.
            index.insert_or_update_object(self)
        return result

    def publish(
        self,
        revision,
        user=None,
        changed=True,
        log_action=True,
        previous_revision=None,
        skip_permission_checks=False,
    ):
        """Publish only a review that is ready, with its publication and come-down dates
        set (``dhr.publication.prepare_to_publish``); a scheduled go-live that is not ready
        is cancelled rather than raised."""
        if not prepare_to_publish(self, revision, log_action):
            return None
        return super().publish(
            revision,
            user=user,
            changed=changed,
            log_action=log_action,
            previous_revision=previous_revision,
            skip_permission_checks=skip_permission_checks,
        )

    # What readers see --------------------------------------------------------------

    def serve_gone(self, request):
        """The short 410 page for a review that has come down: which review it was and how
        to ask for a copy, nothing more (``core.visibility`` decides when)."""
        context = {
            "page": self,
            "self": self,
            "request": request,
            "request_copy_url": self.request_copy_url,
            "publication_year": self.publication_date.year if self.publication_date else None,
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["document_items"] = self.documents.select_related("document")
        context.update(self.learning_context(preview=getattr(request, "is_preview", False)))
        return context

    def learning_context(self, preview=False):
        """The themes, key findings and recommendations readers see, and when progress was
                last reported, read from the page row (``learning_shown``, kept on every full save, as
        when a revision is published) without a query. Each theme links to the section's reviews filtered by
                it (an address worked out without a query). Only a review being served gets here,
                so they follow its visibility."""
        from .findings import learning_from_shown, learning_rows

        rows = (
            learning_rows(self, preview=True) if preview else learning_from_shown(self.learning_shown or {})
        )
        dates = [row.progress_updated for row in rows["recommendations"] if row.progress_updated]
        section_url = (self.url or "").rstrip("/").rpartition("/")[0] + "/"
        return {
            "key_findings": rows["key_findings"],
            "recommendations": rows["recommendations"],
            "progress_last_updated": max(dates) if dates else None,
            "theme_links": [
                (theme, f"{section_url}?{urlencode({'theme': theme.slug})}#completed-reviews")
                for theme in rows["themes"]
            ],
        }

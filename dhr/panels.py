"""Editor panels for reviews: the tabs of the edit screen, the go-live-only schedule and a
note of when a review comes down."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    PublishingPanel,
    TabbedInterface,
)
from wagtail.models import Page

from core.come_down import last_day_online
from core.document_accessibility import DocumentAccessibilityPanel
from dhr.check_panel import DocumentCheckPanel
from dhr.publication import comes_down_at
from dhr.visibility import has_come_down


class GoLiveOnlyPublishingPanel(PublishingPanel):
    """Wagtail's schedule dialog with only 'Go-live date/time'.

    A review's come-down date is not typed in: it is worked out on publish from the
    publication date and the site's period, or from 'keep online until'."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.children = [child for child in self.children if getattr(child, "field_name", "") != "expire_at"]


class ComesDownPanel(Panel):
    """Tells the editor when the review comes down, or would if published now."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "dhr/panels/comes_down.html"

        def get_context_data(self, parent_context=None):
            from dhr.models.settings import DHRSettings

            context = super().get_context_data(parent_context)
            review = self.instance
            months = DHRSettings.for_request(self.request).review_publication_months
            now = timezone.now()
            projected = comes_down_at(review, months, now)
            current = review.expire_at if review.live and review.expire_at else None
            context.update(
                {
                    "months": months,
                    "uses_override": bool(review.keep_online_until),
                    "projected": projected,
                    "current": current,
                    "projected_last_day": last_day_online(projected),
                    "projected_has_passed": projected <= now,
                    "current_last_day": last_day_online(current) if current else None,
                    "has_come_down": review.pk is not None and has_come_down(review, now),
                }
            )
            return context


def review_settings_panels():
    """Page settings for a review: the go-live schedule, comments and content review dates."""
    from core.models import BasePage

    comments = list(Page.settings_panels[1:])
    return [GoLiveOnlyPublishingPanel()] + comments + BasePage.governance_panels


def review_content_panels():
    """The review's Content tab."""
    return [
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
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("executive_summary"),
        InlinePanel("key_findings", heading=_("Key findings"), label=_("Key finding")),
        InlinePanel(
            "recommendations",
            heading=_("Recommendations and action plan progress"),
            label=_("Recommendation"),
            help_text=_(
                "The report's recommendations, each with the agencies responsible and how far "
                "the action plan has got. To update progress, edit it here and submit the review "
                "for approval as usual."
            ),
        ),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
        DocumentAccessibilityPanel(heading=_("Documents' accessibility")),
        FieldPanel("public_change_note"),
    ]


def review_checklist_panels():
    """The "Before publishing" tab: private, never shown or indexed."""
    return [
        HelpPanel(
            content=_(
                "<p>Only editors see this tab: nothing here is shown on the website or found by "
                "search. Every item must be ticked, the Home Office approval date given and the "
                "identifying details listed before the review can be published.</p>"
            )
        ),
        FieldPanel("checklist_pseudonym_agreed"),
        FieldPanel("checklist_family_told"),
        FieldPanel("checklist_documents_anonymised"),
        FieldPanel("checklist_home_office_approved"),
        FieldPanel("identifying_details"),
        DocumentCheckPanel(heading=_("Identifying details check")),
        FieldPanel("private_notes"),
    ]


def review_edit_handler(content, checklist, promote, settings):
    return TabbedInterface(
        [
            ObjectList(content, heading=_("Content")),
            ObjectList(checklist, heading=_("Before publishing")),
            ObjectList(promote, heading=_("Promote")),
            ObjectList(settings, heading=_("Settings")),
        ]
    )

"""Admin and serving hooks for the DHR section."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState
from wagtail.permissions import page_permission_policy

from dhr import approval, copy_request_views, copy_requests, theme_entries, visibility
from dhr.choosers import review_document_chooser
from dhr.models import ReviewPage
from dhr.reports import DHRPublicationReportView

# When a review may be seen (dhr.visibility), told to the base's visibility rule.
hooks.register("register_visibility_filter", visibility.translations_filter)
hooks.register("register_page_verdict", visibility.review_verdict)
hooks.register("register_document_verdict", visibility.review_document_verdict)
# The reviews a theme's page lists (themes.entries).
hooks.register("register_theme_entries", theme_entries.review_entries)

# What an editor or moderator is told about a review that is not ready (dhr.approval).
hooks.register("after_create_page", approval.warn_if_submitted_incomplete)
hooks.register("after_edit_page", approval.warn_if_submitted_incomplete)
hooks.register("before_workflow_action", approval.refuse_incomplete_approval)
# Identifying details (dhr.document_check): warned of on every save, refused in a bulk publish.
hooks.register("after_create_page", approval.warn_of_identifying_details)
hooks.register("after_edit_page", approval.warn_of_identifying_details)
hooks.register("before_bulk_action", approval.refuse_bulk_publish)


EDITING = ["change", "publish"]


def can_edit_pages(user):
    """Whether ``user`` may edit or publish any page: the review panels are for them
    (copy request handlers, who have no page permissions, never see unpublished titles)."""
    return page_permission_policy.user_has_any_permission(user, EDITING)


def editable(reviews, user):
    """``reviews`` narrowed to those ``user`` may edit or publish (cached permissions)."""
    return reviews.filter(
        pk__in=page_permission_policy.instances_user_has_any_permission_for(user, EDITING).values("pk")
    )


class ReviewsComingDownPanel(Component):
    """Dashboard: reviews that come down in the next 30 days, so editors can tell the
    family or set 'keep online until' in time."""

    name = "reviews_coming_down"
    template_name = "dhr/panels/reviews_coming_down.html"
    order = 150
    days = 30

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        now = timezone.now()
        context["days"] = self.days
        reviews = editable(
            ReviewPage.objects.live()
            .filter(expire_at__gt=now, expire_at__lte=now + datetime.timedelta(days=self.days))
            .order_by("expire_at"),
            self.user,
        )
        context["reviews"] = reviews
        return context


@hooks.register("construct_homepage_panels")
def add_reviews_coming_down_panel(request, panels):
    if can_edit_pages(request.user):
        panels.append(ReviewsComingDownPanel(request.user))


class ReviewsInProgressPanel(Component):
    """Dashboard: reviews waiting for a moderator and reviews scheduled to go live."""

    name = "reviews_in_progress"
    template_name = "dhr/panels/reviews_in_progress.html"
    order = 140

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        # Where each review is, as Wagtail's workflow state says: waiting for a moderator,
        # or sent back to the editor with changes requested; read with the reviews.
        state = WorkflowState.objects.active().filter(
            content_type=ContentType.objects.get_for_model(ReviewPage),
            object_id=Cast(OuterRef("pk"), CharField()),
        )
        awaiting = editable(
            ReviewPage.objects.annotate(workflow_status=Subquery(state.values("status")[:1]))
            .filter(workflow_status__isnull=False)
            .order_by("title"),
            self.user,
        )
        for review in awaiting:
            review.changes_requested = review.workflow_status == WorkflowState.STATUS_NEEDS_CHANGES
        context["awaiting"] = awaiting
        context["scheduled"] = editable(
            ReviewPage.objects.annotate_approved_schedule()
            .filter(_approved_schedule=True, go_live_at__gt=timezone.now())
            .order_by("go_live_at"),
            self.user,
        )
        return context


@hooks.register("construct_homepage_panels")
def add_reviews_in_progress_panel(request, panels):
    if can_edit_pages(request.user):
        panels.append(ReviewsInProgressPanel(request.user))


@hooks.register("register_admin_urls")
def register_publication_report_urls():
    return [
        path("reports/dhr-publication/", DHRPublicationReportView.as_view(), name="dhr_publication_report"),
        path(
            "reports/dhr-publication/results/",
            DHRPublicationReportView.as_view(results_only=True),
            name="dhr_publication_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_publication_report_menu_item():
    return MenuItem(_("DHR publication"), reverse("dhr_publication_report"), icon_name="doc-full", order=710)


# Copy requests (dhr.copy_requests): for copy request handlers only, every view in the audit log.
hooks.register("filter_form_submissions_for_user", copy_request_views.forms_for_user)
hooks.register("register_log_actions", copy_requests.register_log_actions)
hooks.register("construct_homepage_panels", copy_request_views.add_open_copy_requests_panel)
hooks.register("construct_main_menu", copy_request_views.hide_forms_menu_for_copy_requests_only)


@hooks.register("register_admin_urls")
def register_copy_request_urls():
    return [
        path("copy-requests/", copy_request_views.copy_request_index, name="dhr_copy_requests"),
        path("copy-requests/<int:pk>/", copy_request_views.edit_copy_request, name="dhr_copy_request_edit"),
    ]


@hooks.register("register_admin_menu_item")
def register_copy_requests_menu_item():
    return copy_request_views.CopyRequestsMenuItem(
        _("Copy requests"), reverse("dhr_copy_requests"), name="copy-requests", icon_name="form", order=690
    )


@hooks.register("register_admin_viewset")
def register_review_document_chooser():
    return review_document_chooser

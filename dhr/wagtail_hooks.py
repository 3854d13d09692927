"""Admin and serving hooks for the DHR section."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from dhr.models import ReviewPage
from dhr.panels import last_day_online
from dhr.reports import DHRPublicationReportView


def _in_unpublished_review_draft(document):
    """True if the latest draft of a review lists ``document``.

    A document added to a published review's draft is only in the draft revision until
    the review is published again, not yet in the ``ReviewDocument`` table.
    """
    drafts = ReviewPage.objects.filter(has_unpublished_changes=True, latest_revision__isnull=False)
    for content in drafts.values_list("latest_revision__content", flat=True):
        items = (content or {}).get("documents") or []
        if any(item.get("document") == document.pk for item in items):
            return True
    return False


@hooks.register("before_serve_document")
def serve_review_documents_only_while_published(document, request):
    """A document used by a review downloads only while it is part of a review that is
    live and not past its come-down date: never before the review goes live, never after,
    whatever link is used. Signed-in editors can still open it, to check a draft.
    """
    # Rows for a live review are its published content (drafts of live pages stay in revisions).
    # ``current`` also counts a review as down once any language of it has come down.
    if ReviewPage.objects.current().filter(documents__document=document).exists():
        return None
    attached = list(ReviewPage.objects.filter(documents__document=document).distinct())
    if not attached and not _in_unpublished_review_draft(document):
        return None
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return None
    gone = [review for review in attached if review.is_gone()]
    if gone:
        return gone[0].serve_gone(request)
    raise Http404(_("This document is not published."))


class ReviewsComingDownPanel(Component):
    """Dashboard: reviews that come down in the next 30 days, so editors can tell the
    family or set 'keep online until' in time."""

    name = "reviews_coming_down"
    template_name = "dhr/panels/reviews_coming_down.html"
    order = 150
    days = 30

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        now = timezone.now()
        context["days"] = self.days
        reviews = (
            ReviewPage.objects.live()
            .filter(expire_at__gt=now, expire_at__lte=now + datetime.timedelta(days=self.days))
            .order_by("expire_at")
        )
        context["reviews"] = [(review, last_day_online(review.expire_at)) for review in reviews]
        return context


@hooks.register("construct_homepage_panels")
def add_reviews_coming_down_panel(request, panels):
    panels.append(ReviewsComingDownPanel())


class ReviewsInProgressPanel(Component):
    """Dashboard: reviews waiting for a moderator and reviews scheduled to go live."""

    name = "reviews_in_progress"
    template_name = "dhr/panels/reviews_in_progress.html"
    order = 140

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        in_moderation = WorkflowState.objects.active().filter(
            content_type=ContentType.objects.get_for_model(ReviewPage)
        )
        context["awaiting"] = ReviewPage.objects.filter(
            pk__in=[int(pk) for pk in in_moderation.values_list("object_id", flat=True)]
        ).order_by("title")
        context["scheduled"] = (
            ReviewPage.objects.annotate_approved_schedule()
            .filter(_approved_schedule=True, go_live_at__gt=timezone.now())
            .order_by("go_live_at")
        )
        return context


@hooks.register("construct_homepage_panels")
def add_reviews_in_progress_panel(request, panels):
    panels.append(ReviewsInProgressPanel())


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

"""Admin integration for site-wide content governance."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import HeaderButton

from governance import views
from governance.content_review import MARK_REVIEWED_ACTION, pages_due_for_review

DASHBOARD_LIMIT = 10


class ReviewDuePanel(Component):
    """Dashboard panel: pages past their next review date."""

    name = "review_due"
    order = 160
    template_name = "governance/admin/review_due_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        overdue = pages_due_for_review(user=self.request.user, within_days=-1)
        return {"pages": overdue[:DASHBOARD_LIMIT], "more": max(0, len(overdue) - DASHBOARD_LIMIT)}


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel(request))


@hooks.register("register_admin_urls")
def register_content_review_urls():
    return [
        path(
            "reports/content-review/", views.ContentReviewReportView.as_view(), name="content_review_report"
        ),
        path(
            "reports/content-review/results/",
            views.ContentReviewReportView.as_view(results_only=True),
            name="content_review_report_results",
        ),
        path("pages/<int:page_id>/mark-reviewed/", views.mark_page_reviewed, name="mark_page_reviewed"),
    ]


@hooks.register("register_reports_menu_item")
def register_content_review_menu_item():
    return MenuItem(_("Content review"), reverse("content_review_report"), icon_name="time", order=700)


@hooks.register("register_page_header_buttons")
def mark_reviewed_header_button(page, user, view_name, next_url=None):
    if (
        hasattr(page.specific_class or object, "next_review_due")
        and page.permissions_for_user(user).can_edit()
    ):
        yield HeaderButton(
            _("Mark as reviewed"),
            url=reverse("mark_page_reviewed", args=[page.pk]),
            icon_name="tick",
            priority=80,
        )


@hooks.register("register_log_actions")
def register_mark_reviewed_action(actions):
    actions.register_action(MARK_REVIEWED_ACTION, _("Mark as reviewed"), _("Marked as reviewed"))

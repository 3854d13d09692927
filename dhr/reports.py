"""The DHR publication report: every review, where it stands and when it comes down."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

from core.come_down import comes_down
from dhr.models import ReviewPage
from dhr.publication import missing_requirements


def checklist_complete(review):
    return not missing_requirements(review)


class DHRPublicationReportView(ReportView):
    page_title = _("DHR publication")
    header_icon = "doc-full"
    results_template_name = "dhr/reports/publication_results.html"
    index_url_name = "dhr_publication_report"
    index_results_url_name = "dhr_publication_report_results"
    permission_policy = page_permission_policy
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 50
    list_export = [
        "pseudonym",
        "review_type_label",
        "status_string",
        "home_office_approval_date",
        "publication_date",
        "comes_down",
        "checklist_complete",
    ]
    export_headings = {
        "pseudonym": _("Pseudonym"),
        "review_type_label": _("Review type"),
        "status_string": _("Status"),
        "home_office_approval_date": _("Home Office approval"),
        "publication_date": _("Published"),
        "comes_down": _("When it comes down"),
        "checklist_complete": _("Checklist complete"),
    }

    def get_filename(self):
        return f"dhr-publication-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        editable = page_permission_policy.instances_user_has_permission_for(self.request.user, "change")
        # Each row's status ("scheduled", "in moderation") is read from these two, not
        # looked up row by row: the report costs the same for 5 reviews as for 500.
        return list(
            ReviewPage.objects.filter(pk__in=editable.values("pk"))
            .annotate_approved_schedule()
            .prefetch_workflow_states()
            .order_by("-publication_date", "-first_published_at", "pseudonym")
        )

    def decorate_paginated_queryset(self, object_list):
        for review in object_list:
            review.checklist_complete = checklist_complete(review)
        return object_list

    def to_row_dict(self, item):
        item.comes_down = comes_down(item.expire_at)
        row = super().to_row_dict(item)
        row["checklist_complete"] = _("Yes") if checklist_complete(item) else _("No")
        return row

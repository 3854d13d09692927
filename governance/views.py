"""Admin views for content governance: the content review report and 'mark as reviewed'."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from governance.content_review import mark_reviewed, pages_due_for_review


class ContentReviewReportView(ReportView):
    """Pages whose review date has passed or falls within the next 30 days."""

    page_title = gettext_lazy("Content review")
    header_icon = "time"
    results_template_name = "governance/admin/content_review_results.html"
    index_url_name = "content_review_report"
    index_results_url_name = "content_review_report_results"
    any_permission_required = ["add", "change", "publish"]
    permission_policy = page_permission_policy

    # The page's address on the website, as readers (and the people who receive the
    # export) know it, not Wagtail's internal tree path (/home/contact/).
    list_export = ["title", "public_url", "owner", "last_reviewed", "next_review_due"]
    export_headings = {
        "title": gettext_lazy("Page"),
        "public_url": gettext_lazy("Web address"),
        "owner": gettext_lazy("Owner"),
        "last_reviewed": gettext_lazy("Last reviewed"),
        "next_review_due": gettext_lazy("Review due"),
    }
    paginate_by = 50

    def get_filename(self):
        return f"content-review-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return pages_due_for_review(user=self.request.user, within_days=30)

    def to_row_dict(self, item):
        item.public_url = item.get_full_url(self.request) or ""
        return super().to_row_dict(item)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


@require_http_methods(["GET", "POST"])
def mark_page_reviewed(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if not hasattr(page, "next_review_due"):
        messages.error(request, _("This page type has no review dates."))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    if request.method == "POST":
        mark_reviewed(page, request.user)
        messages.success(
            request,
            _("'%(title)s' marked as reviewed. Next review due %(date)s.")
            % {"title": page.get_admin_display_title(), "date": date_format(page.next_review_due, "j F Y")},
        )
        next_url = request.POST.get("next", "")
        if next_url.startswith("/admin/") and "//" not in next_url:
            return redirect(next_url)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "governance/admin/mark_reviewed_confirm.html",
        {"page": page, "next": request.GET.get("next", "")},
    )

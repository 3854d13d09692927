"""The admin screens for copy requests: Wagtail's submissions list (with export and delete)
for copy request handlers only, each view and export written to the audit log; a screen to
give one request its status; the menu item and the dashboard panel of open requests."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.models import Page

from dhr import copy_requests
from dhr.models import CopyRequest, RequestCopyFormPage


def forms_for_user(user, pages):
    """``filter_form_submissions_for_user``: a copy-request form's submissions are for copy
    request handlers, whether or not they may edit the page, and for nobody else."""
    content_type = ContentType.objects.get_for_model(RequestCopyFormPage)
    pages = pages.exclude(content_type=content_type)
    if copy_requests.can_handle(user):
        pages = pages | Page.objects.filter(content_type=content_type)
    return pages


class CopyRequestListView(SubmissionsListView):
    results_template_name = "dhr/copy_requests/list_results.html"

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            copy_requests.log_list(
                self.form_page,
                copy_requests.EXPORTED,
                format=self.request.GET.get("export"),
                requests=context["submissions"].count(),
            )
        else:
            copy_requests.log_list(self.form_page, copy_requests.VIEWED_LIST)
        return super().render_to_response(context, **response_kwargs)

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        return copy_requests.neutralise_formula(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return copy_requests.neutralise_formula(super().get_heading(queryset, field))


class CopyRequestStatusForm(forms.ModelForm):
    class Meta:
        model = CopyRequest
        fields = ["status", "note"]
        widgets = {"status": forms.RadioSelect}


def edit_copy_request(request, pk):
    """One request: what the reader sent, and its status and note for handlers to set."""
    if not request.user.has_perm(copy_requests.CHANGE_PERMISSION):
        raise PermissionDenied
    copy_request = get_object_or_404(CopyRequest.objects.select_related("page", "handled_by"), pk=pk)
    form_page = copy_request.page.specific
    if request.method == "POST":
        form = CopyRequestStatusForm(request.POST, instance=copy_request)
        if form.is_valid():
            if form.has_changed():
                copy_request = form.save(commit=False)
                copy_request.handled_by = request.user
                copy_request.handled_at = timezone.now()
                copy_request.save()
                copy_requests.log_request(copy_request, copy_requests.UPDATED)
            messages.success(request, _("Copy request %(id)s updated.") % {"id": copy_request.pk})
            return redirect("wagtailforms:list_submissions", form_page.pk)
        messages.validation_error(
            request, _("The copy request could not be saved. Correct the errors below.")
        )
    else:
        form = CopyRequestStatusForm(instance=copy_request)
        copy_requests.log_request(copy_request, copy_requests.VIEWED)
    data = copy_request.get_data()
    answers = [
        (label, ", ".join(data[name]) if isinstance(data.get(name), list) else data.get(name))
        for name, label in form_page.get_data_fields()
        if name not in ("submit_time", "status")
    ]
    working_days, due = copy_requests.age(copy_request)
    return TemplateResponse(
        request,
        "dhr/copy_requests/edit.html",
        {
            "page_title": str(copy_request),
            "header_icon": "form",
            "copy_request": copy_request,
            "answers": answers,
            "working_days": working_days,
            "reply_due": due,
            "form": form,
            "action_url": reverse("dhr_copy_request_edit", args=[copy_request.pk]),
            "submit_button_label": _("Save"),
            "submit_button_active_label": _("Saving…"),
            "list_url": reverse("wagtailforms:list_submissions", args=[form_page.pk]),
        },
    )


def copy_request_index(request):
    """The menu item's destination: the one form's requests, or a choice of forms (one per
    language the form is offered in)."""
    if not copy_requests.can_handle(request.user):
        raise PermissionDenied
    form_pages = list(RequestCopyFormPage.objects.select_related("locale").order_by("locale_id"))
    if len(form_pages) == 1:
        return redirect("wagtailforms:list_submissions", form_pages[0].pk)
    open_counts = {
        page.pk: CopyRequest.objects.filter(page=page, status=CopyRequest.Status.NEW).count()
        for page in form_pages
    }
    return TemplateResponse(
        request,
        "dhr/copy_requests/index.html",
        {
            "page_title": gettext_lazy("Copy requests"),
            "header_icon": "form",
            "form_pages": [(page, open_counts[page.pk]) for page in form_pages],
        },
    )


class CopyRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return copy_requests.can_handle(request.user)


def hide_forms_menu_for_copy_requests_only(request, menu_items):
    """Copy requests have their own menu item; Wagtail's "Forms" stays only for people who
    may see some other form's submissions."""
    from wagtail.contrib.forms.models import FormMixin
    from wagtail.contrib.forms.utils import get_forms_for_user
    from wagtail.models import get_page_models

    if not any(item.name == "forms" for item in menu_items):
        return
    other_form_types = [
        model
        for model in get_page_models()
        if issubclass(model, FormMixin) and not issubclass(model, RequestCopyFormPage)
    ]
    # With no other kind of form page (as on this site), nobody can have another form's
    # submissions to see: no query on every admin page to find that out.
    if other_form_types:
        content_type = ContentType.objects.get_for_model(RequestCopyFormPage)
        if get_forms_for_user(request.user).exclude(content_type=content_type).exists():
            return
    menu_items[:] = [item for item in menu_items if item.name != "forms"]


class OpenCopyRequestsPanel(Component):
    """Dashboard, for copy request handlers: requests without a reply, oldest first, each
    with its age in working days against the promise to reply within 10."""

    name = "open_copy_requests"
    template_name = "dhr/panels/open_copy_requests.html"
    order = 130

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        now = timezone.now()
        today = timezone.localdate(now)
        rows = []
        for copy_request in CopyRequest.objects.filter(status=CopyRequest.Status.NEW).order_by("submit_time"):
            working_days, due = copy_requests.age(copy_request, now)
            rows.append(
                {
                    "copy_request": copy_request,
                    "working_days": working_days,
                    "due": due,
                    "overdue": due < today,
                }
            )
        context["rows"] = rows
        context["promise"] = copy_requests.REPLY_WITHIN_WORKING_DAYS
        return context


def add_open_copy_requests_panel(request, panels):
    if copy_requests.can_handle(request.user):
        panels.append(OpenCopyRequestsPanel())

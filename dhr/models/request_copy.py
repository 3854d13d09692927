"""The request-a-copy form for reviews that are no longer online.

Editors manage the fields (name, email, reason, accessible format…) with Wagtail's form
builder. The page adds a fixed "review requested" field, prefilled when a reader follows a
link from an aged review, and a honeypot. Each request is stored before any email is sent
and stays stored if the email fails. Each request is a ``CopyRequest``, with the status a
copy request handler gives it (``dhr.copy_requests`` says who may see them). Requests are
deleted after a set number of days by ``manage.py delete_old_copy_requests``, which keeps
only an anonymous count per review (``CopyRequestCount``).

A double click on "Send request" stores one request: the form carries a one-time token,
and a second request with the same token is answered with the first one's confirmation.
"""

import hashlib
import logging
import re
import secrets

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractFormField,
    AbstractFormSubmission,
    FormMixin,
)
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin

from core.models import BasePage
from core.numbers import MAX_ID, parse_positive_int
from core.visibility import in_private_section, visible_q
from dhr.models.settings import DHRSettings
from dhr.visibility import came_down_q
from ops.logging import EveryInterval
from ops.security import client_ip

logger = logging.getLogger(__name__)
rate_limit_log = EveryInterval(logger)

REVIEW_FIELD = "review"
HONEYPOT_FIELD = "website"
TOKEN_FIELD = "submission_token"  # noqa: S105 - a field name, not a secret
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")
NOT_STORED = {HONEYPOT_FIELD, TOKEN_FIELD}
MAX_TEXT_LENGTH = 2000

# Keyed by Django's BoundField.widget_type.
WIDGET_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "url": "govuk-input",
    "number": "govuk-input govuk-input--width-10",
    "date": "govuk-input govuk-input--width-10",
    "datetime": "govuk-input govuk-input--width-20",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "checkbox": "govuk-checkboxes__input",
}
ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
}
CHOICE_WIDGETS = {"radioselect", "checkboxselectmultiple", "select", "selectmultiple", "checkbox"}
AUTOCOMPLETE = {"name": "name", "full_name": "name", "your_name": "name", "email": "email"}


class RequestCopyForm(BaseForm):
    """Fields every request has, whatever editors add."""

    review = forms.CharField(
        label=_("Which review would you like a copy of?"),
        help_text=_("For example, 'the review into the death of Lesley'."),
        max_length=200,
        error_messages={"required": _("Enter the name of the review you would like a copy of")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
    )
    # One per form shown; a second request with the same token is the same request.
    submission_token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget_type = self[name].widget_type
            label = str(field.label)
            if name == REVIEW_FIELD:
                pass
            elif widget_type in CHOICE_WIDGETS:
                field.error_messages["required"] = _("Select an answer to '%(label)s'") % {"label": label}
            else:
                field.error_messages["required"] = _("Enter %(label)s") % {
                    "label": label[:1].lower() + label[1:]
                }
            if widget_type == "email":
                # Field.run_validators uses these in place of the validators' own messages.
                field.error_messages["invalid"] = _(
                    "Enter an email address in the correct format, like name@example.com"
                )
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = _("'%(label)s' must be %(max)s characters or fewer") % {
                    "label": label.replace("%", "%%"),
                    "max": field.max_length,
                }
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def style_widgets(self, show_errors):
        """GOV.UK classes and ARIA links between each field, its hint and its error."""
        for name, field in self.fields.items():
            bound = self[name]
            widget_type = bound.widget_type
            attrs = field.widget.attrs
            css = WIDGET_CLASSES.get(widget_type)
            has_error = show_errors and self.is_bound and name in self.errors
            if css:
                attrs["class"] = css + (
                    f" {ERROR_CLASSES[css]}" if has_error and css in ERROR_CLASSES else ""
                )
            if name in AUTOCOMPLETE:
                attrs.setdefault("autocomplete", AUTOCOMPLETE[name])
            if widget_type == "email":
                attrs.setdefault("spellcheck", "false")
            describedby = []
            if field.help_text:
                describedby.append(f"{bound.auto_id}-hint")
            if has_error:
                describedby.append(f"{bound.auto_id}-error")
            if describedby and widget_type not in {"radioselect", "checkboxselectmultiple"}:
                attrs["aria-describedby"] = " ".join(describedby)

    @property
    def token(self):
        """The form's one-time token, if it is one this form gave out."""
        token = self.cleaned_data.get(TOKEN_FIELD, "")
        return token if TOKEN_PATTERN.fullmatch(token) else None

    @property
    def honeypot_filled(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip()) if self.is_bound else False

    def visible_fields_for_readers(self):
        return [field for field in self if field.name != HONEYPOT_FIELD and not field.is_hidden]


class RequestCopyFormBuilder(FormBuilder):
    def create_singleline_field(self, field, options):
        options["max_length"] = 255
        return forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = MAX_TEXT_LENGTH
        options.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
        return forms.CharField(**options)

    def get_form_class(self):
        return type("RequestCopyFormWithFields", (RequestCopyForm,), self.formfields)


class RequestCopyFormPage(FormMixin, BasePage):
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "link", "ul"],
        help_text=_("Explain who can ask for a copy, what happens next and how long it usually takes."),
    )
    thank_you_text = RichTextField(
        _("confirmation message"),
        blank=True,
        features=["bold", "link", "ul"],
        help_text=_("Shown after someone sends a request: what happens next and when they will hear back."),
    )

    form_builder = RequestCopyFormBuilder
    template = "pages/request_copy_form_page.html"
    landing_page_template = "pages/request_copy_form_page_landing.html"
    parent_page_types = ["dhr.DHRIndexPage"]
    subpage_types = []
    max_count = 1
    always_show_exit_button = True

    rate_limit = 10  # requests (valid or not) from one address ...
    rate_limit_window = 60 * 60  # ... per hour

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", heading=_("Form fields"), label=_("Field")),
        FieldPanel("thank_you_text"),
    ]

    class Meta:
        verbose_name = _("request-a-copy form")

    def get_data_fields(self):
        fields = super().get_data_fields()
        return fields[:1] + [(REVIEW_FIELD, _("Review requested"))] + fields[1:] + [("status", _("Status"))]

    def get_submission_class(self):
        return CopyRequest

    def get_submissions_list_view_class(self):
        from dhr.copy_request_views import CopyRequestListView

        return CopyRequestListView

    # Reading the request --------------------------------------------------------

    def requested_review_title(self, request):
        """The title of the review named in ``?review=<id>``, if it is one readers can see
        or one that is available on request. Never a draft's title."""
        from .reviews import ReviewPage

        review_id = parse_positive_int(request.GET.get(REVIEW_FIELD, ""), MAX_ID)
        if review_id is None:
            return ""
        reviews = ReviewPage.objects.sibling_of(self).exclude(in_private_section()).filter(pk=review_id)
        review = reviews.filter(visible_q() | came_down_q()).only("title").first()
        return review.title if review else ""

    @staticmethod
    def client_address(request):
        """The reader's address, worked out as for login lockouts: behind a reverse proxy
        (``TRUSTED_PROXY_HOPS``) from ``X-Forwarded-For``, so readers behind one proxy do
        not share one rate limit."""
        return client_ip(request)

    def _rate_limited(self, request):
        address = self.client_address(request)
        key = "dhr:copy-request:" + hashlib.sha256(address.encode()).hexdigest()
        if cache.add(key, 1, self.rate_limit_window):
            return False
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, self.rate_limit_window)
            count = 1
        if count is None:  # the cache is down (ops.resilient_cache): let the request through
            rate_limit_log.log(
                "cache-down", logging.WARNING, "Copy requests are not rate-limited: the cache is down."
            )
            return False
        return count > self.rate_limit

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            initial = {
                REVIEW_FIELD: self.requested_review_title(request),
                TOKEN_FIELD: secrets.token_urlsafe(24),
            }
            form = self.get_form(page=self, user=request.user, initial=initial)
            return self._render_form(request, form)
        form = self.get_form(request.POST, page=self, user=request.user)
        if self._rate_limited(request):
            return self._render_form(
                request,
                form,
                status=429,
                problem=_(
                    "You have sent a lot of requests in a short time. Wait an hour and try again, "
                    "or email us instead."
                ),
            )
        if form.honeypot_filled:
            return self._render_form(
                request,
                form,
                status=400,
                problem=_(
                    "We could not send your request. Make sure the field labelled 'Leave this "
                    "field empty' is empty, then send it again."
                ),
            )
        if not form.is_valid():
            return self._render_form(request, form, status=400)
        submission = self.process_form_submission(form)
        return self.render_landing_page(request, submission, *args, **kwargs)

    def _render_form(self, request, form, status=200, problem=None):
        context = self.get_context(request)
        # Field errors are shown only when the answers were checked, not when the request
        # was refused before that (rate limit, honeypot).
        show_field_errors = status == 400 and not problem
        form.style_widgets(show_field_errors)
        context.update({"form": form, "problem": problem, "show_field_errors": show_field_errors})
        return TemplateResponse(request, self.get_template(request), context, status=status)

    # Storing and sending ------------------------------------------------------------

    def process_form_submission(self, form):
        """Store the request first; then try to email the inbox. A failed email is logged
        and the stored request is kept, so nothing a reader sent is lost."""
        data = {name: value for name, value in form.cleaned_data.items() if name not in NOT_STORED}
        token = form.token
        try:
            with transaction.atomic():
                submission = CopyRequest.objects.create(form_data=data, page=self, submission_token=token)
        except IntegrityError:
            # Sent twice (a double click, or "Send" again after a slow reply): one request.
            first = CopyRequest.objects.filter(submission_token=token).first()
            if first is None:
                raise
            return first
        try:
            self.send_notification(form, submission)
        except Exception:
            logger.exception(
                "Copy request %s is stored but the email to the inbox failed; see Copy requests in the admin.",
                submission.pk,
            )
        return submission

    def send_notification(self, form, submission):
        inbox = DHRSettings.for_site(self.get_site()).request_copy_inbox
        if not inbox:
            logger.warning("Copy request %s is stored but no request-a-copy inbox is set.", submission.pk)
            return
        lines = [f"{form[REVIEW_FIELD].label}: {form.cleaned_data[REVIEW_FIELD]}"]
        reply_to = []
        for field in self.get_form_fields():
            value = form.cleaned_data.get(field.clean_name)
            if isinstance(value, list):
                value = ", ".join(value)
            lines.append(f"{field.label}: {value}")
            if field.field_type == "email" and value:
                reply_to.append(value)
        lines.append("")
        lines.append(str(_("Stored on the website as request %(id)s.") % {"id": submission.pk}))
        EmailMessage(
            subject=str(_("Request for a copy of a review")),
            body="\n".join(lines),
            to=[inbox],
            reply_to=reply_to[:1],
        ).send()


class CopyRequest(AbstractFormSubmission):
    """One request for a copy of a review: what the reader sent (``form_data``) and what
    the copy request handlers did about it."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        SENT = "sent", _("Copy sent")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn by the requester")

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.NEW,
        help_text=_(
            "Choose 'Copy sent' once you have sent the copy, 'Refused' if you told the requester "
            "they cannot have one, or 'Withdrawn by the requester' if they no longer want it."
        ),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    note = models.TextField(
        _("private note"),
        blank=True,
        help_text=_(
            "Only copy request handlers see this. Say what you sent or why you refused; do not "
            "copy the requester's details here. It is deleted with the request."
        ),
    )
    submission_token = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("copy request")
        verbose_name_plural = _("copy requests")

    def __str__(self):
        # Shown in the audit log: the number only, never what the requester sent.
        return str(_("Copy request %(id)s") % {"id": self.pk})

    def get_data(self):
        return {**super().get_data(), "status": self.get_status_display()}

    @property
    def is_open(self):
        return self.status == self.Status.NEW


class CopyRequestCount(models.Model):
    """How many requests for a review were deleted on a day, kept after the requests
    themselves are gone: no name, address, reason or date of any one request. ``review``
    is empty for requests that did not name a review by its title."""

    review = models.ForeignKey(
        "dhr.ReviewPage",
        verbose_name=_("review"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deleted_on = models.DateField(_("requests deleted on"))
    requests = models.PositiveIntegerField(_("requests"))

    class Meta:
        verbose_name = _("copy request count")

    def __str__(self):
        return str(self.requests)


class RequestCopyFormField(TranslatableMixin, AbstractFormField):
    page = ParentalKey(RequestCopyFormPage, on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(
        _("field type"),
        max_length=16,
        choices=FORM_FIELD_CHOICES,
        help_text=_(
            "What readers enter: use 'Email' for email addresses and 'Multi-line text' for longer answers."
        ),
    )
    field_type.required_on_save = True
    required = models.BooleanField(
        _("required"), default=True, help_text=_("Untick if readers may leave this field empty.")
    )
    help_text = models.CharField(
        _("help text"),
        max_length=255,
        blank=True,
        help_text=_("Optional hint shown under the label, such as an example answer."),
    )

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")

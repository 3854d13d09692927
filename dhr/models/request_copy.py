"""The request-a-copy form for reviews that are no longer online.

Editors manage the fields (name, email, reason, accessible format…) with Wagtail's form
builder. The page adds a fixed "review requested" field, prefilled when a reader follows a
link from an aged review, and a honeypot. Each request is stored before any email is sent
and stays stored if the email fails. Requests are deleted after a set number of days by
``manage.py delete_old_copy_requests``.
"""

import hashlib
import logging

from django import forms
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractFormField, FormMixin
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin

from core.models import BasePage
from core.numbers import MAX_ID, parse_positive_int
from core.visibility import in_private_section, visible_q
from dhr.models.settings import DHRSettings
from dhr.visibility import came_down_q
from ops.security import client_ip

logger = logging.getLogger(__name__)

REVIEW_FIELD = "review"
HONEYPOT_FIELD = "website"
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
        return fields[:1] + [(REVIEW_FIELD, _("Review requested"))] + fields[1:]

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
        return count > self.rate_limit

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            initial = {REVIEW_FIELD: self.requested_review_title(request)}
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
        data = {name: value for name, value in form.cleaned_data.items() if name != HONEYPOT_FIELD}
        submission = self.get_submission_class().objects.create(form_data=data, page=self)
        try:
            self.send_notification(form, submission)
        except Exception:
            logger.exception(
                "Copy request %s is stored but the email to the inbox failed; see Forms in the admin.",
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

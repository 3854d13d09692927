"""The admin's password reset (Wagtail's, through WAGTAILADMIN_USER_PASSWORD_RESET_FORM).

The answer takes the same time whether or not the address belongs to an account: for an
unknown address the form makes a token and renders the e-mail for a stand-in user, just
as for a real one, and every e-mail goes to the mail server on a thread of its own after
the response, so the answer never waits for SMTP. The stand-in's e-mail is dropped
instead of sent. Attempts are throttled per client address and per e-mail address;
past the limit the same "check your e-mail" page is shown and nothing is sent."""

import logging
import threading

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import loader
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from .security import client_ip
from .throttle import over_limit

logger = logging.getLogger(__name__)

# Per hour: a person who mistypes tries a few times; a script trying addresses does not
# get far.
ATTEMPTS_PER_ADDRESS = 10
ATTEMPTS_PER_EMAIL = 3
WINDOW = 60 * 60


def deliver_later(message, send):
    """Hand ``message`` to the mail server after the response, on its own thread; only
    if ``send`` (false for the stand-in of an unknown address)."""

    def deliver():
        if not send:
            return
        try:
            message.send()
        except Exception:
            logger.exception("Could not send a password reset e-mail.")

    transaction.on_commit(
        lambda: threading.Thread(target=deliver, name="password-reset-mail", daemon=True).start()
    )


class PasswordResetForm(WagtailPasswordResetForm):
    def get_users(self, email):
        users = list(super().get_users(email))
        if users:
            return users
        # Not saved, never sent to: it only makes the same work as a real account.
        user_model = get_user_model()
        stand_in = user_model(**{user_model.get_email_field_name(): email})
        stand_in.set_unusable_password()
        return [stand_in]

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"]
        # "|", not "or": every attempt counts against both limits.
        if request is not None and (
            over_limit("password-reset-address", client_ip(request), ATTEMPTS_PER_ADDRESS, WINDOW)
            | over_limit("password-reset-email", email.casefold(), ATTEMPTS_PER_EMAIL, WINDOW)
        ):
            logger.warning("Password reset throttled: too many attempts from one address or for one e-mail.")
            return
        super().save(*args, request=request, **kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # Django's own rendering, with the sending left to deliver_later.
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            message.attach_alternative(
                loader.render_to_string(html_email_template_name, context), "text/html"
            )
        deliver_later(message, send=context["user"].pk is not None)

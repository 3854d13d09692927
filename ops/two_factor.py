"""The admin's "enter your code" step, fixed for current django-otp.

wagtail-2fa 1.8.0's ``TokenForm`` sends only the code. Since django-otp 1.7.1 the form
must also name the device the code comes from, so every code, right or wrong, is
refused with "Please select a device" (labd/wagtail-2fa#284). This form picks the
user's confirmed devices itself and checks the code against each in turn, which is how
wagtail-2fa behaved with older django-otp. django-otp's throttling still applies to
every device a wrong code is tried against. Everything else (enrolment, device list,
the middleware) is wagtail-2fa's own.
"""

from django import forms
from django_otp import devices_for_user
from wagtail_2fa.forms import TokenForm as WagtailTokenForm
from wagtail_2fa.views import LoginView as WagtailLoginView


class TokenForm(WagtailTokenForm):
    def clean(self):
        devices = list(devices_for_user(self.user, confirmed=True))
        if not devices:
            raise forms.ValidationError(self.otp_error_messages["invalid_token"], code="invalid_token")
        error = None
        for device in devices:
            self.cleaned_data["otp_device"] = device.persistent_id
            try:
                self.clean_otp(self.user)
            except forms.ValidationError as exc:
                error = exc
                continue
            if getattr(self.user, "otp_device", None) is not None:
                return self.cleaned_data
        raise error


class LoginView(WagtailLoginView):
    form_class = TokenForm

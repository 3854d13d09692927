"""The kind filter on the publications listing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from publications.models.kinds import Kind


class KindFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of publication"),
        choices=[("", _("All publications"))] + Kind.choices,
        required=False,
        error_messages={
            "invalid_choice": _("Choose a kind of publication from the list, or 'All publications'.")
        },
    )

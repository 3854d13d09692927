"""The lead filter on the workstreams list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from duties.models.common import Lead


class LeadFilterForm(forms.Form):
    lead = forms.ChoiceField(
        label=_("Led by"),
        choices=[("", _("Anyone"))] + Lead.choices,
        required=False,
        error_messages={
            "invalid_choice": _("Choose who leads the workstream from the list, or 'Anyone' to see them all.")
        },
    )

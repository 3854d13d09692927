from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PLAN = "plan", _("Partnership plan or strategy")
    STRATEGIC_ASSESSMENT = "strategic_assessment", _("Strategic assessment summary")
    ANNUAL_REPORT = "annual_report", _("Annual report")
    BRIEFING = "briefing", _("Practitioner briefing")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Content review: review dates, the content review report, "Mark as reviewed" and
    the dashboard panel of pages past their review date."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "governance"
    verbose_name = _("Content review")

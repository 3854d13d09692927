from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site in production: health check, security headers, JSON logs,
    upload rules, backup and restore."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ops"
    verbose_name = _("Operations")

    def ready(self):
        from ops import caching, security_txt  # noqa: F401  (security_txt registers its deploy check)

        caching.connect_signals()

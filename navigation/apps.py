from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NavigationConfig(AppConfig):
    """Menus, breadcrumbs, footer links and the sitemap."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "navigation"
    verbose_name = _("Navigation")

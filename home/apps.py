from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page and the standard page. The app label also holds the site-wide
    models whose code lives in ``core`` (documents, site settings, alert banners): they
    kept the label ``home`` when the code moved, so their tables, content types and
    permissions did not change (docs/architecture.md)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Home and site-wide")

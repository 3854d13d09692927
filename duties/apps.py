from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "duties"
    verbose_name = _("Statutory duties and workstreams")
    # How site search labels and filters this section's pages (search/sections.py).
    search_section = {
        "key": "duties",
        "label": verbose_name,
        "slugs": ("statutory-duties", "workstreams"),
    }

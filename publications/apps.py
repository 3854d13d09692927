from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    """The partnership's own publications: its plan or strategy, the strategic assessment
    summary, annual reports and practitioner briefings (docs/publications.md)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "publications"
    verbose_name = _("Publications")
    # How site search labels and filters this section's pages (search/sections.py).
    search_section = {
        "key": "publications",
        "label": verbose_name,
        "slugs": ("publications",),
    }

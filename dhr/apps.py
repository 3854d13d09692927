from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DhrConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dhr"
    verbose_name = _("Domestic homicide reviews")
    # How site search labels and filters this section's pages (search/sections.py).
    search_section = {
        "key": "reviews",
        "label": verbose_name,
        "slugs": ("domestic-homicide-reviews",),
        "show_helplines": True,
        # Searches about a review of a death show the helplines box too.
        "helpline_stems": ("bereave", "darr", "death", "dhr", "died", "homicid", "susr"),
        "no_results_note": _(
            "Reports of domestic homicide reviews stay online for a limited time. "
            "To ask for a copy of an older report, contact the partnership."
        ),
    }

    def ready(self):
        from dhr import (
            copy_requests,
            moderation,  # noqa: F401 - connects the section set-up signal
            translations,
        )

        translations.connect()
        copy_requests.connect()

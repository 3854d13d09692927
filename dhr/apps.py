from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DhrConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dhr"
    verbose_name = _("Domestic homicide reviews")

    def ready(self):
        from dhr import (
            moderation,  # noqa: F401 - connects the section set-up signal
            translations,
        )

        translations.connect()

from django.apps import AppConfig


class DhrConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dhr"
    verbose_name = "Domestic homicide reviews"

    def ready(self):
        from dhr import (
            moderation,  # noqa: F401 - connects the section set-up signal
            translations,
        )

        translations.connect()

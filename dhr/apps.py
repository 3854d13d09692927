from django.apps import AppConfig


class DhrConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dhr"
    verbose_name = "Domestic homicide reviews"

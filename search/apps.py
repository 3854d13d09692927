from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from . import synonyms
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        synonyms.connect()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The base every section builds on: page base, blocks, documents, settings, banners
    and what a reader may see now (``core.visibility``)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Site-wide")

    def ready(self):
        from core import change_notes, document_protection

        document_protection.connect()
        change_notes.connect()

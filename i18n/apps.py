from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class I18nConfig(AppConfig):
    """English and Welsh: the nation setting, /cy/ routing, language switcher and the
    translation catalogue commands."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "i18n"
    verbose_name = _("Languages")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from i18n.languages import forget_locales

        post_save.connect(forget_locales, sender=Locale, dispatch_uid="i18n-forget-locales")
        post_delete.connect(forget_locales, sender=Locale, dispatch_uid="i18n-forget-locales")

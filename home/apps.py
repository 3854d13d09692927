from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Home and site-wide")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from home.i18n import forget_locales

        post_save.connect(forget_locales, sender=Locale, dispatch_uid="home-forget-locales")
        post_delete.connect(forget_locales, sender=Locale, dispatch_uid="home-forget-locales")

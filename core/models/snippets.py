"""Alert banners: short notices shown at the top of the site or one section."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet

from i18n.languages import html_lang


class AlertBannerQuerySet(models.QuerySet):
    def current(self, at=None):
        at = at or timezone.now()
        return self.filter(starts_at__lte=at).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at))

    def for_page(self, page, at=None):
        """Banners showing now on ``page``: site-wide ones and those for its section, each
        in the reader's language where translated (``banner.lang`` marks one that is not).
        """
        language = translation.get_language()
        chosen = {}
        for banner in self.current(at).select_related("section", "locale"):
            kept = chosen.get(banner.translation_key)
            in_language = banner.locale.language_code == language
            if kept is None or (in_language and kept.locale.language_code != language):
                chosen[banner.translation_key] = banner
        banners = sorted(chosen.values(), key=lambda banner: banner.starts_at, reverse=True)
        shown = [banner for banner in banners if _shows_on(banner, page)]
        for banner in shown:
            code = banner.locale.language_code
            banner.lang = "" if code == language else html_lang(code)
        return shown


def _shows_on(banner, page):
    if banner.section_id is None:
        return True
    if page is None:
        return False
    if page.path.startswith(banner.section.path):
        return True
    # A banner for a section in another language shows on that section's translation.
    if banner.section.locale_id == page.locale_id:
        return False
    if not hasattr(page, "_ancestor_translation_keys"):
        page._ancestor_translation_keys = set(
            page.get_ancestors(inclusive=True).values_list("translation_key", flat=True)
        )
    return banner.section.translation_key in page._ancestor_translation_keys


@register_snippet
class AlertBanner(TranslatableMixin, models.Model):
    class Severity(models.TextChoices):
        IMPORTANT = "important", _("Important")
        INFORMATION = "information", _("Information")

    heading = models.CharField(
        _("heading"), max_length=120, help_text=_("A short summary, such as 'Online payments unavailable'.")
    )
    message = models.TextField(
        _("message"), max_length=600, help_text=_("What has happened and what readers should do. Plain text.")
    )
    link_url = models.URLField(_("link"), blank=True, help_text=_("Optional link to more information."))
    link_text = models.CharField(
        _("link text"), max_length=80, blank=True, help_text=_("Say where the link goes, not 'click here'.")
    )
    severity = models.CharField(
        _("type"),
        max_length=20,
        choices=Severity.choices,
        default=Severity.INFORMATION,
        help_text=_("'Important' for problems and deadlines; 'Information' for everything else."),
    )
    starts_at = models.DateTimeField(
        _("show from"), default=timezone.now, help_text=_("When the banner first appears. UK time.")
    )
    ends_at = models.DateTimeField(
        _("show until"), null=True, blank=True, help_text=_("Leave blank to show until you remove it.")
    )
    section = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("section"),
        help_text=_(
            "Leave blank to show on every page, or choose a page to show it there and on the pages below it."
        ),
    )

    objects = AlertBannerQuerySet.as_manager()

    panels = [
        FieldPanel("heading"),
        FieldPanel("message"),
        FieldRowPanel([FieldPanel("link_url"), FieldPanel("link_text")]),
        FieldPanel("severity"),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("When to show it")),
        FieldPanel("section"),
    ]

    class Meta(TranslatableMixin.Meta):
        app_label = "home"  # kept when the code moved to core (home.apps)
        verbose_name = _("alert banner")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.heading

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})
        if self.link_url and not self.link_text:
            raise ValidationError({"link_text": _("Add link text that says where the link goes.")})

    @property
    def dom_id(self):
        return f"alert-{self.pk}-{int(self.starts_at.timestamp())}"

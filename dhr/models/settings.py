"""The DHR section's settings, which editors manage in Settings › Domestic homicide review
settings: how long completed reviews stay online and where requests for copies go."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import register_setting
from wagtail.models import Site

from core.models import KeptSiteSetting
from dhr.publication import DEFAULT_PUBLICATION_MONTHS


@register_setting(icon="doc-full")
class DHRSettings(KeptSiteSetting):
    review_publication_months = models.PositiveSmallIntegerField(
        _("review publication period (months)"),
        default=DEFAULT_PUBLICATION_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "How long a completed review stays online after it is published, unless a review "
            "sets its own date. After that it is available on request."
        ),
    )
    request_copy_inbox = models.EmailField(
        _("request-a-copy inbox"),
        blank=True,
        help_text=_("Where requests for copies of reviews are sent. Requests are stored on the site first."),
    )

    panels = [
        HelpPanel(
            _(
                "A change to the publication period applies to each review the next time it is "
                "published. Reviews already online keep their come-down date until then."
            )
        ),
        FieldPanel("review_publication_months"),
        FieldPanel("request_copy_inbox"),
    ]

    class Meta:
        verbose_name = _("domestic homicide review settings")


def publication_months_for(page):
    """The site's publication period for reviews under ``page`` (or its parent)."""
    site = page.get_site() if page.url_path else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return DEFAULT_PUBLICATION_MONTHS
    return DHRSettings.for_site(site).review_publication_months

"""Small pieces both duties modules use."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "document-link", "ul", "ol"]


def is_showable(page, at=None):
    """True if a page chosen on another page may be shown to readers: live and not expired."""
    if page is None or not page.live:
        return False
    return page.expire_at is None or page.expire_at > (at or timezone.now())


class Lead(models.TextChoices):
    UK = "uk", _("UK Government")
    WALES = "wales", _("Welsh Government")
    BOTH = "both", _("UK and Welsh Governments")
    LOCAL = "local", _("Local partners")

"""Small pieces both duties modules use."""

from django.db import models
from django.utils.translation import gettext_lazy as _

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "document-link", "ul", "ol"]


class Lead(models.TextChoices):
    UK = "uk", _("UK Government")
    WALES = "wales", _("Welsh Government")
    BOTH = "both", _("UK and Welsh Governments")
    LOCAL = "local", _("Local partners")

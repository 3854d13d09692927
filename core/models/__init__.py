"""The base's models. ``CSPDocument``, ``SiteSettings`` and ``AlertBanner`` keep the app
label ``home`` (see ``home.apps``); ``BasePage`` is abstract."""

from .base import BasePage
from .documents import CSPDocument
from .settings import SiteSettings
from .snippets import AlertBanner

__all__ = [
    "AlertBanner",
    "BasePage",
    "CSPDocument",
    "SiteSettings",
]

"""The base's models. ``CSPDocument``, ``SiteSettings`` and ``AlertBanner`` keep the app
label ``home`` (see ``home.apps``); ``BasePage``, ``ChangeNoteMixin`` and ``KeptSiteSetting`` are abstract."""

from .base import BasePage
from .change_notes import ChangeNote, ChangeNoteMixin
from .documents import CSPDocument
from .settings import KeptSiteSetting, SiteSettings
from .snippets import AlertBanner

__all__ = [
    "AlertBanner",
    "BasePage",
    "CSPDocument",
    "ChangeNote",
    "ChangeNoteMixin",
    "KeptSiteSetting",
    "SiteSettings",
]

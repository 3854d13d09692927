from .base import BasePage
from .documents import CSPDocument
from .pages import HomePage, HomePagePartner, StandardPage
from .settings import SiteSettings
from .snippets import AlertBanner

__all__ = [
    "AlertBanner",
    "BasePage",
    "CSPDocument",
    "HomePage",
    "HomePagePartner",
    "SiteSettings",
    "StandardPage",
]

from .base import BasePage, not_expired
from .documents import CSPDocument
from .pages import HomePage, HomePagePartner, StandardPage
from .settings import SiteSettings
from .snippets import AlertBanner

__all__ = [
    "AlertBanner",
    "BasePage",
    "not_expired",
    "CSPDocument",
    "HomePage",
    "HomePagePartner",
    "SiteSettings",
    "StandardPage",
]

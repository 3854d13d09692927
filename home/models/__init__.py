from .base import BasePage, in_private_section, not_expired
from .documents import CSPDocument
from .pages import HomePage, HomePagePartner, StandardPage
from .settings import SiteSettings
from .snippets import AlertBanner

__all__ = [
    "AlertBanner",
    "BasePage",
    "in_private_section",
    "not_expired",
    "CSPDocument",
    "HomePage",
    "HomePagePartner",
    "SiteSettings",
    "StandardPage",
]

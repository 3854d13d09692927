from .base import BasePage, in_private_section, not_expired, private_page_ids
from .documents import CSPDocument
from .pages import HomePage, HomePagePartner, StandardPage
from .settings import SiteSettings
from .snippets import AlertBanner

__all__ = [
    "AlertBanner",
    "BasePage",
    "in_private_section",
    "not_expired",
    "private_page_ids",
    "CSPDocument",
    "HomePage",
    "HomePagePartner",
    "SiteSettings",
    "StandardPage",
]

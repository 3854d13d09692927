from .pages import HomePage, HomePagePartner, StandardPage

__all__ = ["HomePage", "HomePagePartner", "StandardPage"]

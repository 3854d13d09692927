"""Wagtail's page view, routed from the home page in the request's language."""

from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Site

from i18n.languages import active_locale_id, in_default_language, localized_root


def serve(request, path):
    """Wagtail's page view, routed from the site's home page in the request's language.

    Wagtail would route from ``site.root_page.localized``, which looks the active locale
    up on every request; this uses the cached locale ids instead. And where the home page
    has no live translation in the request's language, every page under that language's
    prefix is a 404, rather than the English page served under a Welsh address.
    """
    if not hasattr(request, "_wagtail_route_for_request"):
        site = Site.find_for_request(request)
        route = None
        if site is not None:
            root = localized_root(site.root_page, request)
            if in_default_language() or root.locale_id == active_locale_id():
                parts = [part for part in path.split("/") if part]
                try:
                    # The home page itself is served as a HomePage; below it, Page.route
                    # fetches each page as its own type.
                    route = (root.specific if not parts else root).route(request, parts)
                except Http404:
                    route = None
        # Wagtail's documented per-request route cache (tests/test_wagtail_route_contract.py).
        request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)

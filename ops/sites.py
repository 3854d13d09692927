"""The Wagtail site of each anonymous reader's request, kept as fragments are.

Wagtail finds a request's site with a query (hostnames, ports, the default site and
the root page, joined and ranked) on every request that routes a page, reads a setting
or builds a link: about a sixth of an uncached page's time. For anonymous readers the
answer is kept in the page cache under the fragments' rule (ops/fragment_cache.py):
saving or deleting a site, and every publish, unpublish, move or delete (the root page
comes with the site), empty it; it is never kept past the next change. Wagtail keeps a
request's site on ``request._wagtail_site`` and asks no further once it is there
(``Site.find_for_request``; tests/test_wagtail_route_contract.py).
"""

import contextlib

from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail.models import Site

from ops import caching
from ops.fragment_cache import kept


class SiteMiddleware:
    """Sets ``request._wagtail_site`` from the page cache for anonymous readers. Placed
    before anything that looks the site up (the language middleware, Wagtail's views)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Anyone else finds the site as Wagtail does, when something asks (the admin
        # often never does).
        if not hasattr(request, "_wagtail_site") and caching.is_cacheable_request(request):
            hostname = split_domain_port(request._get_raw_host())[0]
            # A database that is down leaves the site for Wagtail to find (and fail) where
            # the page is served, inside the middleware that adds the 503 page's headers.
            with contextlib.suppress(DatabaseError):
                request._wagtail_site = kept(
                    request, "site", [hostname, request.get_port()], lambda: Site._find_for_request(request)
                )
        return self.get_response(request)

"""Dropping every page the edge cache holds, once a change is committed.

The edge proxy (deploy/nginx/) starts every page's cache key with a generation that it
keeps itself; one ``PURGE`` to its purge listener drops that generation, and with it every
copy of every page it holds, under any query string: a review with ``?utm_source=...``,
its web versions, filtered listings, search results for its pseudonym, the sitemap.
Purging page by page cannot do that, so every change that empties the app's page cache
(``ops.caching.purge_all``: publish, unpublish, move, delete, documents, settings,
banners, redirects) empties the edge too.

The purge is sent when the transaction commits, so no request can put the old version
back in between, and it never raises: if the edge cannot be reached the change stands,
the failure is logged, and the edge keeps its pages no longer than their ``s-maxage``.
``FRONTEND_CACHE_URL`` lists the purge listeners (comma-separated, one per nginx).
"""

import logging
from urllib.error import HTTPError
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

TIMEOUT = 3  # seconds: the editor's request waits for the purge


def purge_edge():
    """Ask each edge to drop everything it holds, now."""
    for location in settings.EDGE_PURGE_URLS:
        request = Request(location.rstrip("/") + "/", method="PURGE", headers={"User-Agent": "cspsite"})  # noqa: S310 - an operator's setting
        try:
            with urlopen(request, timeout=TIMEOUT):  # noqa: S310 - http(s) only, from settings
                pass
        except HTTPError as error:
            if error.code != 404:  # 404: nothing was cached since the last purge
                logger.error(
                    "Could not purge the edge cache at %s (HTTP %s): it keeps pages until their s-maxage runs out.",
                    location,
                    error.code,
                )
        except OSError as error:  # refused, unreachable, timed out
            logger.error(
                "Could not purge the edge cache at %s (%s): it keeps pages until their s-maxage runs out.",
                location,
                error,
            )


def purge_edge_on_commit():
    """``purge_edge`` once the current transaction commits (at once outside one)."""
    if settings.EDGE_PURGE_URLS:
        transaction.on_commit(purge_edge, robust=True)

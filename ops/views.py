"""The health check a load balancer or monitoring service polls, and the error page
for a server error or a database that does not answer."""

import logging
import sys
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from i18n.languages import WELSH
from i18n.nation import DEFAULT_HELPLINES, Nation
from ops.logging import EveryInterval

logger = logging.getLogger(__name__)
database_down_log = EveryInterval(logger)
RETRY_AFTER = 60  # seconds a reader (or a crawler) is asked to wait while the database is down


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database did not answer")
        return False


def _cache_ok(name):
    key = f"healthz:{uuid.uuid4().hex}"
    cache = caches[name]
    try:
        cache.set(key, "ok", timeout=10)
        found = cache.get(key) == "ok"
        cache.delete(key)
    except Exception:
        logger.exception("Health check: the %s cache did not answer", name)
        return False
    if not found:
        logger.warning("Health check: the %s cache did not answer", name)
    return found


@never_cache
@require_safe
def healthz(request):
    """What is down, for a load balancer or monitoring service.

    "ok" (200) when the database and both caches answer. The site carries on without
    Redis (ops/resilient_cache.py), so a cache that does not answer gives 200
    "degraded: cache down" (or "page cache down"); only a database that does not answer
    gives 503 "unavailable: database down". The body names the part, never the reason,
    a host or an error: those go to the log, not to whoever is asking.
    """
    down = [] if _database_ok() else ["database"]
    for name, label in (("default", "cache"), (settings.WAGTAIL_CACHE_BACKEND, "page cache")):
        if not _cache_ok(name):
            down.append(label)
    if not down:
        body, status = "ok", 200
    else:
        body = ", ".join(f"{part} down" for part in down)
        body, status = (f"unavailable: {body}", 503) if "database" in down else (f"degraded: {body}", 200)
    return HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")


def _error_page_helplines():
    """The national helplines (i18n.nation), not the site's own: those are in the database."""
    if translation.get_language() == WELSH:
        return DEFAULT_HELPLINES[Nation.WALES]
    try:
        return DEFAULT_HELPLINES[Nation(settings.NATION)]
    except ValueError:
        return DEFAULT_HELPLINES[Nation.ENGLAND]


def _render_error(template_name):
    try:
        return render_to_string(template_name, {"helplines": _error_page_helplines()})
    except Exception:  # the error page itself must never fail
        logger.exception("Could not render %s", template_name)
        return "<!DOCTYPE html><title>Server error</title><h1>Sorry, there is a problem with the service</h1>"


def server_error(request):
    """``handler500``: a database that cannot be reached (stopped, restarting, out of
    connections) is a 503 "service unavailable" page with ``Retry-After``, logged once a
    minute; any other error is the 500 page. Both in the site's design, with the national
    helplines, rendered without the database or the cache; the CSP middleware still adds
    the site's policy, which the page keeps to."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        database_down_log.log(
            "database-down",
            logging.ERROR,
            "The database is not answering: serving the 503 page.",
            exc_info=True,
        )
        response = HttpResponse(_render_error("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return HttpResponseServerError(_render_error("500.html"))


FAVICON = (settings.BASE_DIR / "cspsite" / "static" / "images" / "favicon.ico").read_bytes()


@require_safe
def favicon(request):
    """``/favicon.ico``, which browsers ask for on their own whatever the page's
    ``<link rel="icon">`` says: the site's icon, not a 404 in every visit's log."""
    return HttpResponse(FAVICON, content_type="image/vnd.microsoft.icon")

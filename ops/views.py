"""The health check a load balancer or monitoring service polls."""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


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

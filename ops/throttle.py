"""Counting attempts in the shared cache, for throttles (password resets).

A throttle must never stop the site: when the cache cannot be reached it lets the
attempt through (fails open) and logs a warning."""

import hashlib
import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def over_limit(name, value, limit, window):
    """Count one attempt for ``value`` (an address, an e-mail address) under ``name`` and
    say whether it is past ``limit`` attempts in ``window`` seconds. ``value`` is hashed,
    so the cache holds no e-mail addresses."""
    key = f"throttle:{name}:" + hashlib.sha256(value.encode()).hexdigest()
    try:
        if cache.add(key, 1, window):
            return False
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)
            count = 1
    except Exception:
        logger.warning(
            "The cache is unavailable, so the %s throttle let an attempt through.", name, exc_info=True
        )
        return False
    return count > limit

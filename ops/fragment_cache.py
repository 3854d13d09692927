"""Rendered fragments every page repeats (the main navigation, the alert banners), kept
under the same rule as whole pages (ops/caching.py), so none can outlive what it shows:

- they live in the page cache, so every purge (publish, unpublish, move, delete, a
  banner, site settings, a redirect or a document saved) drops them with the pages;
- each is kept for the seconds a page rendered now could be kept (``PAGE_CACHE_MAX_AGE``
  cut short by the next moment any public page could change on its own: an expiry, a
  scheduled go-live, a banner starting or ending), and stored with that next-change
  instant: once the instant has come, the copy is refused and the fragment rendered again;
- only anonymous readers' requests use them (``is_cacheable_request``): editors, previews
  and anyone with a session always get a fresh render.

With the page cache off (``PAGE_CACHE=false``) they still apply, under the same bound
and purge: that is the uncached render they are for. ``FRAGMENT_CACHE=false`` turns them
off. A cache that fails renders the fragment instead.
"""

import logging

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.request_memo import memo
from ops import caching

logger = logging.getLogger(__name__)

KEY_PREFIX = "cspsite:fragment"


def fragment(request, name, parts, render):
    """The HTML ``render()`` returns, for ``name`` and the ``parts`` it depends on (each a
    short string or number), from the page cache when a copy made before the next change
    is there."""
    found = kept(request, name, parts, lambda: str(render()), fallback=render)
    return mark_safe(found)  # noqa: S308 - HTML this module's caller rendered


def kept(request, name, parts, compute, fallback=None):
    """``compute()``'s value (anything that pickles) for ``name`` and ``parts``, from the
    page cache when a copy made before the next change is there, under the rule above.
    When the rule says not to keep it (not an anonymous reader, fragments off, the next
    change due now), ``fallback()`` (default ``compute``) gives the value instead."""
    fallback = fallback or compute
    if (
        not getattr(settings, "FRAGMENT_CACHE", True)
        or request is None
        or not caching.is_cacheable_request(request)
    ):
        return fallback()
    now = timezone.now()
    # One look-up of the next-change instant per request, however many fragments.
    instant = memo(request, "fragment_next_change", lambda: caching.next_change(now))
    seconds = caching.seconds_until(instant, now)
    if seconds <= 0:
        return fallback()
    key = ":".join([KEY_PREFIX, name, *(str(part) for part in parts)])
    cache = caching.page_cache()
    try:
        stored = cache.get(key)
    except Exception:
        logger.exception("Could not read a fragment from the page cache.")
        return fallback()
    if stored is not None and stored[0] == instant:
        return stored[1]
    value = compute()
    try:
        cache.set(key, (instant, value), seconds)
    except Exception:
        logger.exception("Could not store a fragment in the page cache.")
    return value

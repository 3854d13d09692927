"""Every use of wagtail-cache's private behaviour, in one place.

``ops.caching`` relies on two things wagtail-cache does but does not document:

- its ``UpdateCacheMiddleware`` stores a response when the request carries
  ``_wagtailcache_update = True``, which its ``FetchFromCacheMiddleware`` sets on a miss
  (``store_again``: a stored page is refused and rendered and stored afresh);
- it stores the response object itself and hands the same object back on a hit, so an
  attribute set on a response before it is stored is on it when it is served from the
  cache (``mark`` and ``marked``: the next-change instant a page was rendered under).

They were written for ``WRITTEN_FOR``; tests/perf/test_wagtailcache_contract.py fails if
another version is installed or either behaviour has changed. After upgrading
wagtail-cache, read its ``cache.py`` against this module, then update ``WRITTEN_FOR``.
"""

WRITTEN_FOR = "3.0.0"

# The attribute kept on a response (pickled with it into the page cache; never sent).
_MARK = "_cspsite_next_change"
UNMARKED = object()


def store_again(request):
    """Have wagtail-cache render this request's page and store it, as on a miss."""
    request._wagtailcache_update = True


def mark(response, value):
    """Keep ``value`` with ``response``, in the page cache too."""
    setattr(response, _MARK, value)


def marked(response):
    """The value ``mark`` kept with ``response``, or ``UNMARKED``."""
    return getattr(response, _MARK, UNMARKED)

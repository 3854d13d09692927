"""Whole-page caching that can never outlive what a page shows.

Two caches keep anonymous GET/HEAD responses: wagtail-cache's middleware in the app
(the ``pagecache`` cache: Redis in production, local memory otherwise) and the edge proxy
(deploy/). Both keep a response for the ``max-age``/``s-maxage`` this module sets, so the
one rule below protects both:

    a response's lifetime ends no later than the next moment any public page could change
    on its own: a live page's ``expire_at`` (an aged review), a scheduled publication going
    live, an alert banner starting or ending, and never later than ``PAGE_CACHE_MAX_AGE``.

That "next change" instant is site-wide, so it also bounds listings, search results, the
sitemap and banners on every page. It is computed with one query and kept in the page
cache until it passes or the cache is purged. Each stored page carries the instant that
was current when it was stored (a purge drops both together), so a page served from the
cache needs no further lookup, and a stored page is refused once its instant has come.

Every change made in Wagtail (publish, unpublish, move, delete, alert banners, site
settings, redirects, documents) purges the whole page cache at once, and again when the
transaction commits, and then asks the edge proxy to drop every page it holds
(``ops.edge_purge``).

Logged-in users, previews, non-GET requests, responses that set cookies, the admin,
documents and the health check are never cached and get ``Cache-Control: private``.

What this relies on in wagtail-cache beyond its documented settings and hooks is in
``ops.wagtailcache_internals``.
"""

import datetime
import logging
import re
import threading
from importlib import import_module

import wagtailcache.cache
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail.models import Page, Revision

from core.request_memo import memo
from ops import edge_purge
from ops.wagtailcache_internals import UNMARKED, mark, marked, store_again

logger = logging.getLogger(__name__)

NEXT_CHANGE_KEY = "cspsite:next-change"
NO_CHANGE_RECHECK = 60 * 60  # how long "nothing scheduled" is trusted without a purge
CACHEABLE_STATUS = {200, 301, 302, 404, 410}
UNCACHED_PREFIXES = ("/healthz", "/documents/")


def page_cache():
    return caches[settings.WAGTAIL_CACHE_BACKEND]


def _earliest(queryset, field, now):
    return Subquery(queryset.filter(**{f"{field}__gt": now}).order_by(field).values(field)[:1])


def compute_next_change(now=None):
    """The earliest future instant at which a public response could change without anyone
    publishing: one query over pages, scheduled revisions and alert banners."""
    from core.models import AlertBanner

    now = now or timezone.now()
    # Any single row carries the scalar subqueries; the tree root always exists.
    row = (
        Page.objects.filter(depth=1)
        .annotate(
            page_expires=_earliest(Page.objects.filter(live=True), "expire_at", now),
            page_goes_live=_earliest(Page.objects.all(), "go_live_at", now),
            revision_goes_live=_earliest(Revision.objects.all(), "approved_go_live_at", now),
            banner_starts=_earliest(AlertBanner.objects.all(), "starts_at", now),
            banner_ends=_earliest(AlertBanner.objects.all(), "ends_at", now),
        )
        .values("page_expires", "page_goes_live", "revision_goes_live", "banner_starts", "banner_ends")
        .first()
    )
    instants = [value for value in (row or {}).values() if value is not None]
    return min(instants, default=None)


def next_change(now=None):
    """``compute_next_change``, kept in the page cache until that instant passes."""
    now = now or timezone.now()
    cache = page_cache()
    try:
        remembered = cache.get(NEXT_CHANGE_KEY)
    except Exception:  # a cache outage must not take pages down
        logger.exception("Could not read the next-change instant from the page cache.")
        remembered = None
    if remembered is not None:
        instant = remembered[0]
        if instant is None or instant > now:
            return instant
    instant = compute_next_change(now)
    remember_next_change(instant, now)
    return instant


def remember_next_change(instant, now):
    timeout = NO_CHANGE_RECHECK if instant is None else max(1, int((instant - now).total_seconds()))
    try:
        page_cache().set(NEXT_CHANGE_KEY, (instant,), min(timeout, NO_CHANGE_RECHECK))
    except Exception:
        logger.exception("Could not store the next-change instant in the page cache.")


def seconds_until(instant, now):
    """Seconds a public response may be kept from ``now`` when the next change is at
    ``instant`` (None: nothing scheduled): the default cap, cut short by the instant;
    never rounded up."""
    cap = settings.PAGE_CACHE_MAX_AGE
    if instant is None:
        return cap
    return max(0, min(cap, int((instant - now) // datetime.timedelta(seconds=1))))


def max_age(now=None):
    """``seconds_until`` the next change, looked up as ``next_change`` does."""
    now = now or timezone.now()
    return seconds_until(next_change(now), now)


def _host_allowed(request):
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


# The shape of every session key Django makes (32 of [a-z0-9]: SessionBase._get_new_session_key).
SESSION_KEY_SHAPE = re.compile(r"[a-z0-9]{32}")


def has_session(request):
    """Whether the request's session cookie names a session that exists. A cookie anyone
    can make up (``sessionid=x``) must not buy a fresh render: it is checked with one
    primary-key look-up, or none when it is not even shaped like a key, so it costs what
    a cached page costs. Once per request; a database that does not answer counts as no
    session, so cached pages keep serving."""

    def look_up():
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
        if not SESSION_KEY_SHAPE.fullmatch(key):
            return False
        try:
            return import_module(settings.SESSION_ENGINE).SessionStore().exists(key)
        except DatabaseError:
            return False

    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return memo(request, "has_session", look_up)


def is_cacheable_request(request):
    """Anonymous GET/HEAD of a public path. Anyone with a real session (editors, readers
    who gave a private page's password) is never served from or stored in the cache, even
    before their session is loaded: the cache answers before the session and
    authentication middleware run."""
    return not (
        request.method not in ("GET", "HEAD")
        or getattr(request, "is_preview", False)
        or getattr(request, "is_dummy", False)
        # The path and host cannot change: checked once for the way in and the way out,
        # and before the session, so the admin never pays for the session check.
        or not memo(request, "public_path", lambda: _is_public_path(request))
        or has_session(request)
        or (hasattr(request, "user") and request.user.is_authenticated)
    )


def _is_public_path(request):
    return (
        not request.path_info.startswith(settings.ADMIN_URL_PREFIX)
        and not request.path_info.startswith(UNCACHED_PREFIXES)
        and _host_allowed(request)
    )


def is_cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code in CACHEABLE_STATUS
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
    )


class CacheHeadersMiddleware:
    """Sets ``Cache-Control`` on every response that reaches it.

    Placed just inside wagtail-cache's ``UpdateCacheMiddleware``, so it sees both fresh
    responses (before they are stored, whose timeout is this ``max-age``) and responses
    served from the app cache, whose lifetime it works out again from now and from the
    next-change instant stored with them, without another trip to the cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_cacheable_request(request) and is_cacheable_response(response):
            now = timezone.now()
            # The next-change instant the page was rendered under, kept with it.
            instant = marked(response)
            if instant is UNMARKED:  # freshly rendered (or stored before this was kept)
                instant = next_change(now)
                mark(response, instant)
            seconds = seconds_until(instant, now)
            # A copy from the app cache carries the Expires of when it was stored.
            del response["Expires"]
            response["Cache-Control"] = f"public, max-age={seconds}, s-maxage={seconds}"
        elif "private" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response


class FetchFromCacheMiddleware(wagtailcache.cache.FetchFromCacheMiddleware):
    """wagtail-cache's, refusing a stored page whose next change has come.

    A page is stored for no longer than its ``max-age``, so this only matters when an
    entry outlives it (Redis counts whole seconds; app servers' clocks differ a little):
    the page is then rendered again and stored in its place.
    """

    def process_request(self, request):
        response = super().process_request(request)
        if response is not None:
            instant = marked(response)
            if instant is not UNMARKED and instant is not None and instant <= timezone.now():
                store_again(request)
                return None
        return response


# Purging -------------------------------------------------------------------------------


def _clear_page_cache():
    try:
        page_cache().clear()
    except Exception:
        logger.exception("Could not clear the page cache.")
        return
    now = timezone.now()
    remember_next_change(compute_next_change(now), now)


def purge_all(**kwargs):
    """Drop every cached page now and again once the change is committed, so that no
    request served in between can put the old version back; then the edge's; and both
    once more a few seconds later (``purge_again_later``)."""
    _clear_page_cache()
    transaction.on_commit(_clear_page_cache)
    edge_purge.purge_edge_on_commit()
    transaction.on_commit(purge_again_later)


_repurge = {"timer": None}
_repurge_lock = threading.Lock()


def purge_again_later():
    """A request that read the database before the change committed can store the old
    page after the clear at commit (and the edge can then take it from the app). One more
    purge of both, ``PAGE_CACHE_REPURGE_AFTER`` seconds later, drops any such copy; a
    burst of changes (a bulk unpublish) shares one. It touches no database."""
    delay = settings.PAGE_CACHE_REPURGE_AFTER
    if not delay:
        return
    with _repurge_lock:
        if _repurge["timer"] is not None:
            return
        timer = threading.Timer(delay, _purge_again)
        timer.daemon = True
        _repurge["timer"] = timer
    timer.start()


def _purge_again():
    with _repurge_lock:
        _repurge["timer"] = None
    try:
        page_cache().clear()
    except Exception:
        logger.exception("Could not clear the page cache.")
    if settings.EDGE_PURGE_URLS:
        edge_purge.purge_edge()


def purge_page(instance, **kwargs):
    """A page was published, unpublished, moved or deleted."""
    purge_all()


def purge_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_page(instance)


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.settings.registry import registry as settings_models
    from wagtail.documents import get_document_model
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from core.models import AlertBanner

    page_published.connect(purge_page, dispatch_uid="cspsite-purge-published")
    page_unpublished.connect(purge_page, dispatch_uid="cspsite-purge-unpublished")
    post_page_move.connect(purge_page, dispatch_uid="cspsite-purge-moved")
    post_delete.connect(purge_deleted, dispatch_uid="cspsite-purge-deleted")
    # Every registered setting (the site settings and each section's): pages show them. A
    # page made private must not stay in the cache for anonymous readers.
    # Sites: the site of a request is kept like a fragment (ops/sites.py).
    for model in (AlertBanner, *settings_models, Redirect, get_document_model(), PageViewRestriction, Site):
        post_save.connect(purge_all, sender=model, dispatch_uid=f"cspsite-purge-save-{model._meta.label}")
        post_delete.connect(purge_all, sender=model, dispatch_uid=f"cspsite-purge-delete-{model._meta.label}")

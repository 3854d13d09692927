"""A Redis cache that degrades to "no cache" instead of failing the request.

Everything the site keeps in Redis can be rebuilt (whole pages, Wagtail's site root
paths, the next-change instant, rate-limit counters), so when Redis is stopped or stops
answering, each cache call gives what a cache miss gives (``get``: the default, ``add`` and
``set``: False, ``incr``: None) and the page is worked out from the database instead.

- Every call is bounded by the socket timeouts in ``cspsite.settings.base.redis_cache``.
- After a failure a circuit breaker, shared by every cache on the same Redis server in
  this process, sends no call to that server for ``BREAKER_COOLDOWN`` seconds; then one
  call tries again and, if it works, Redis is used again: no restart needed.
- The outage and the recovery are each logged once, then at most once a minute.
- A cache with ``CLEAR_ON_RECOVERY`` in its OPTIONS (the page cache) empties itself when
  its server answers again: purges that failed while it was down (a page published or
  taken down meanwhile) must not leave an old copy to be served once Redis is back.

Only connection failures and timeouts are swallowed; a wrong use of the cache (such as
``incr`` of a missing key) still raises as Django documents.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ops.logging import EveryInterval

logger = logging.getLogger(__name__)
outage_log = EveryInterval(logger, interval=60)

BREAKER_COOLDOWN = 5  # seconds without calls to a server after it failed
CONNECTION_FAILURES = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError, OSError)


class Breaker:
    """Open (no calls) for ``cooldown`` seconds after a failure, then lets calls try."""

    def __init__(self, server, cooldown=None):
        self.server = server
        self.cooldown = BREAKER_COOLDOWN if cooldown is None else cooldown
        self.open_until = None  # monotonic time; None while closed
        self.down = False  # failed and not yet answered again
        self.recoveries = 0  # how many times it answered again after failing
        self._lock = threading.Lock()

    def allows(self):
        open_until = self.open_until
        return open_until is None or time.monotonic() >= open_until

    def failed(self, error):
        with self._lock:
            self.open_until = time.monotonic() + self.cooldown
            self.down = True
        outage_log.log(
            ("down", self.server),
            logging.ERROR,
            "Redis at %s is not answering (%s); serving without the cache, retrying every %s s.",
            self.server,
            type(error).__name__,
            self.cooldown,
        )

    def succeeded(self):
        if not self.down:
            return
        with self._lock:
            was_down, self.down, self.open_until = self.down, False, None
            if was_down:
                self.recoveries += 1
        if was_down:
            outage_log.forget(("down", self.server))
            logger.warning("Redis at %s is answering again; the cache is back in use.", self.server)


_breakers = {}
_breakers_lock = threading.Lock()


def server_of(location):
    """The host and port of the (first) server ``location`` names."""
    first = location[0] if isinstance(location, list | tuple) else location.split(",")[0]
    parts = urlsplit(first)
    return f"{parts.hostname}:{parts.port or 6379}" if parts.hostname else parts.path


def breaker_for(server):
    """The one breaker for ``server`` in this process."""
    breaker = _breakers.get(server)
    if breaker is None:
        with _breakers_lock:
            breaker = _breakers.setdefault(server, Breaker(server))
    return breaker


def reset_breakers():
    """Close every breaker (tests that start their own Redis)."""
    with _breakers_lock:
        _breakers.clear()


def _default_argument(position, name):
    def fallback(args, kwargs):
        if name in kwargs:
            return kwargs[name]
        return args[position] if len(args) > position else None

    return fallback


def _constant(value):
    return lambda args, kwargs: value() if callable(value) else value


# What each call gives while Redis is unavailable: what a miss or a failed write gives.
FALLBACKS = {
    "get": _default_argument(1, "default"),
    "get_many": _constant(dict),
    "has_key": _constant(False),
    "add": _constant(False),
    "set": _constant(False),
    "set_many": _constant(list),
    "touch": _constant(False),
    "delete": _constant(False),
    "delete_many": _constant(None),
    "delete_pattern": _constant(0),
    "clear": _constant(False),
    "incr": _constant(None),
    "decr": _constant(None),
    "ttl": _constant(None),
    "expire": _constant(False),
    "persist": _constant(False),
    "keys": _constant(list),
    "iter_keys": _constant(tuple),
}


def _guarded(name, fallback):
    unguarded = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if not self.breaker.allows():
            return fallback(args, kwargs)
        try:
            result = unguarded(self, *args, **kwargs)
        except CONNECTION_FAILURES as error:
            self.breaker.failed(error)
            return fallback(args, kwargs)
        self.breaker.succeeded()
        if self.clear_on_recovery and self.recoveries_seen != self.breaker.recoveries:
            # What was just read may be from before the outage, and what was written is gone.
            self.recoveries_seen = self.breaker.recoveries
            self.clear_after_outage()
            return fallback(args, kwargs)
        return result

    method.__name__ = name
    method.__doc__ = unguarded.__doc__
    return method


class ResilientRedisCache(RedisCache):
    """django-redis's ``RedisCache``, answering like an empty cache while Redis is down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        # Failures reach _guarded as exceptions, whatever DJANGO_REDIS_IGNORE_EXCEPTIONS says.
        self._ignore_exceptions = False
        self.server_name = server_of(server)
        self.clear_on_recovery = bool(params.get("OPTIONS", {}).get("CLEAR_ON_RECOVERY"))
        self.recoveries_seen = self.breaker.recoveries

    @property
    def breaker(self):
        return breaker_for(self.server_name)

    def clear_after_outage(self):
        try:
            RedisCache.clear(self)
        except CONNECTION_FAILURES as error:
            self.breaker.failed(error)
            self.recoveries_seen = None  # try again when it answers
            return
        logger.warning(
            "Emptied the %s cache: changes made while Redis was down may have missed it.", self.server_name
        )

    @property
    def available(self):
        """False while the breaker keeps calls away from a server that failed."""
        return self.breaker.allows()


for _name, _fallback in FALLBACKS.items():
    setattr(ResilientRedisCache, _name, _guarded(_name, _fallback))

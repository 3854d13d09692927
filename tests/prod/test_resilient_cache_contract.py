"""The contract between ops/resilient_cache.py and the installed django-redis: the version
it was written for, the one private attribute it sets, and that every call it guards is a
method of django-redis's cache that raises (rather than swallows) a connection failure."""

from importlib.metadata import version

import pytest
from django_redis.cache import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError

from ops import resilient_cache


def test_written_for_this_django_redis():
    assert version("django-redis") == "7.0.0", "check ops/resilient_cache.py against the new version"


def test_every_guarded_call_is_a_django_redis_method():
    for name in resilient_cache.FALLBACKS:
        assert callable(getattr(RedisCache, name)), name


def test_with_ignore_exceptions_off_django_redis_raises_the_connection_failure():
    cache = RedisCache(
        "redis://127.0.0.1:1/0", {"OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "IGNORE_EXCEPTIONS": False}}
    )
    assert cache._ignore_exceptions is False
    with pytest.raises(RedisConnectionError):
        cache.get("anything")
    with pytest.raises(RedisConnectionError):
        cache.add("anything", 1)


def test_the_resilient_cache_answers_like_an_empty_one_and_opens_its_breaker():
    resilient_cache.reset_breakers()
    cache = resilient_cache.ResilientRedisCache(
        "redis://127.0.0.1:1/0", {"OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2}}
    )

    assert cache.get("key", "default") == "default"
    assert cache.add("key", 1) is False
    assert cache.incr("key") is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.available is False
    resilient_cache.reset_breakers()

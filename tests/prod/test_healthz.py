"""/healthz: 200 "ok" when the database and caches answer, 200 "degraded" naming the
cache that does not (the site carries on without it), 503 only when the database does
not answer; never cached, never saying why."""

from unittest import mock

import pytest
from django.db import OperationalError

from cspsite.settings.base import redis_cache
from ops.resilient_cache import reset_breakers

pytestmark = pytest.mark.django_db


def assert_never_cached(response):
    cache_control = response["Cache-Control"]
    for part in ("no-cache", "no-store", "must-revalidate", "max-age=0"):
        assert part in cache_control


def test_healthy_site_answers_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert_never_cached(response)


def test_head_works_too(client):
    assert client.head("/healthz").status_code == 200


def test_database_failure_gives_503_without_details(client):
    failure = OperationalError('connection to server at "db.internal" failed: password for "cspsite"')
    with mock.patch("ops.views.connection.cursor", side_effect=failure):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"unavailable: database down"
    assert b"db.internal" not in response.content
    assert_never_cached(response)


def test_cache_failure_is_reported_as_degraded_without_details(client, settings):
    reset_breakers()
    settings.CACHES = {
        "default": redis_cache("redis://127.0.0.1:1/0", "healthz-test"),
        "pagecache": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"degraded: cache down"
    assert b"127.0.0.1" not in response.content
    assert_never_cached(response)
    reset_breakers()


def test_only_get_and_head_are_allowed(client):
    assert client.post("/healthz").status_code == 405


def test_plain_http_probe_is_not_redirected_under_production_https_settings(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301

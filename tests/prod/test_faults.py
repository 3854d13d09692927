"""Redis stopped or hung, an SMTP relay refusing connections: readers, copy requests and
editors carry on, each request within a second. Each test starts its own redis-server
on a free port (never the shared one) with the production cache settings pointed at it,
and stops only that process, by its PID."""

import logging
import os
import signal
import socket
import subprocess
import time

import pytest
import redis
from django.contrib.auth.models import Group
from django.test import Client

from cspsite.settings.base import redis_caches
from dhr.models import DHRSettings
from dhr.models.request_copy import CopyRequest
from home.models import HomePage
from ops import resilient_cache
from tests.dhr.builders import make_index, make_request_form, make_review

pytestmark = pytest.mark.django_db

WITHIN = 1.0  # seconds Redis being down or hung may add to any request
COPY_REQUEST = {
    "review": "The review into the death of Joan",
    "your_name": "Sam Example",
    "email_address": "sam@example.org",
    "reason": "I am a researcher.",
    "website": "",
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    def __init__(self):
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603
            [
                "/usr/bin/redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.paused = False
        self.client = redis.Redis(port=self.port, socket_timeout=1)
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise
                time.sleep(0.05)

    def url(self, db):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def pause(self):
        os.kill(self.process.pid, signal.SIGSTOP)
        self.paused = True

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)
        self.paused = False

    def stop(self):
        if self.process.poll() is None:
            if self.paused:
                self.resume()
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def own_redis(settings):
    server = OwnRedis()
    resilient_cache.reset_breakers()
    settings.CACHES = redis_caches(server.url(0), server.url(1), "faults")  # as in production
    settings.WAGTAIL_CACHE = True
    yield server
    server.stop()
    resilient_cache.reset_breakers()


@pytest.fixture
def site_pages(site, home_page):
    DHRSettings.objects.update_or_create(
        site=site, defaults={"request_copy_inbox": "requests@millbrook.example"}
    )
    index = make_index(home_page)
    review = make_review(index, "Joan")
    form_page = make_request_form(index)
    urls = ["/", index.url, review.url, "/search/?q=review", "/sitemap.xml", "/missing-page/"]
    return urls, form_page


@pytest.fixture
def editor_client(django_user_model):
    editor = django_user_model.objects.create_user("editor", "editor@millbrook.example", "a long passphrase")
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def redis_wait(monkeypatch):
    """Seconds spent inside cache calls since the last reset: what Redis cost."""
    spent = [0.0]

    def timing(method):
        def call(self, *args, **kwargs):
            started = time.monotonic()
            try:
                return method(self, *args, **kwargs)
            finally:
                spent[0] += time.monotonic() - started

        return call

    for name in resilient_cache.FALLBACKS:
        monkeypatch.setattr(
            resilient_cache.ResilientRedisCache,
            name,
            timing(getattr(resilient_cache.ResilientRedisCache, name)),
        )
    return spent


class Requests:
    """Every public page, a copy request and the admin, each checked for what a user sees.

    ``run(first=True)`` times them with Redis running (their first, uncached render);
    later runs check that each took no more than ``WITHIN`` seconds longer than that and
    spent under ``WITHIN / 2`` seconds waiting on Redis: a hung Redis costs a request
    one short timeout at most, never seconds, however busy the machine is."""

    def __init__(self, site_pages, editor_client, redis_wait):
        self.urls, self.form_page = site_pages
        self.editor_client = editor_client
        self.redis_wait = redis_wait
        self.first = {}

    def timed(self, name, call, first):
        self.redis_wait[0] = 0.0
        started = time.monotonic()
        response = call()
        seconds = time.monotonic() - started
        if first:
            self.first[name] = seconds
        else:
            assert seconds < self.first[name] + WITHIN, (name, seconds, self.first[name])
            assert self.redis_wait[0] < WITHIN / 2, (name, "waited on Redis", self.redis_wait[0])
        return response

    def run(self, first=False):
        reader = Client()
        for url in self.urls:
            response = self.timed(url, lambda url=url: reader.get(url), first)
            assert response.status_code == (404 if url == "/missing-page/" else 200), url

        stored_before = CopyRequest.objects.count()
        response = self.timed("copy request", lambda: reader.post(self.form_page.url, COPY_REQUEST), first)
        assert response.status_code == 200
        assert "Request sent" in response.content.decode()
        assert CopyRequest.objects.count() == stored_before + 1

        response = self.timed("admin", lambda: self.editor_client.get("/admin/"), first)
        assert response.status_code == 200


@pytest.fixture
def requests(site_pages, editor_client, redis_wait):
    return Requests(site_pages, editor_client, redis_wait)


def test_with_redis_running_pages_are_cached_in_it(own_redis, requests):
    requests.run(first=True)

    assert Client().get("/")["X-Wagtail-Cache"] == "hit"
    assert own_redis.client.dbsize() > 0  # Wagtail's site root paths, the rate limit
    assert redis.Redis(port=own_redis.port, db=1).dbsize() > 0  # the pages


def test_redis_stopped_the_site_works_uncached_and_says_once_what_is_down(
    own_redis, requests, settings, caplog
):
    requests.run(first=True)
    own_redis.stop()

    with caplog.at_level(logging.WARNING):
        requests.run()
        requests.run()
    health = Client().get("/healthz")
    # Signing in works too: sessions and login lockouts are in the database.
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        *settings.AUTHENTICATION_BACKENDS,
    ]
    signing_in = Client()
    signed_in = signing_in.post(
        "/admin/login/", {"username": "editor", "password": "a long passphrase", "next": "/admin/"}
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == "/admin/"
    assert signing_in.get("/admin/").status_code == 200

    assert health.status_code == 200
    assert health.content == b"degraded: cache down, page cache down"
    outage = [r for r in caplog.records if "is not answering" in r.getMessage()]
    assert len(outage) == 1, "logged once, not once per request"
    assert "Copy requests are not rate-limited: the cache is down." in caplog.text


def test_redis_hung_costs_each_request_under_a_second_and_it_comes_back_without_a_restart(
    own_redis, requests, home_page, monkeypatch
):
    monkeypatch.setattr(resilient_cache, "BREAKER_COOLDOWN", 0.5)
    resilient_cache.reset_breakers()
    requests.run(first=True)  # connections to Redis are open and pooled
    own_redis.pause()

    requests.run()
    time.sleep(0.6)  # the breaker lets one call try again: it times out within the limit
    requests.run()

    # A page changed while Redis hung: the purge could not reach it.
    home = HomePage.objects.get(pk=home_page.pk)
    home.title = "Changed during the outage"
    home.save_revision().publish()

    own_redis.resume()
    time.sleep(0.6)
    reader = Client()
    assert b"Changed during the outage" in reader.get("/").content, "the copy from before was dropped"
    reader.get("/")
    assert reader.get("/")["X-Wagtail-Cache"] == "hit"
    assert Client().get("/healthz").content == b"ok"


def test_smtp_refusing_connections_keeps_the_copy_request_and_logs_it(
    own_redis, site_pages, settings, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there: the connection is refused
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 1
    _urls, form_page = site_pages

    with caplog.at_level(logging.ERROR):
        response = Client().post(form_page.url, COPY_REQUEST)

    assert response.status_code == 200
    assert "Request sent" in response.content.decode()
    assert CopyRequest.objects.count() == 1
    assert "is stored but the email to the inbox failed" in caplog.text

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
from wagtail.contrib.forms.models import FormSubmission

from cspsite.settings.base import redis_cache
from dhr.models import DHRSettings
from ops import resilient_cache
from tests.dhr.builders import make_index, make_request_form, make_review

pytestmark = pytest.mark.django_db

WITHIN = 1.0  # seconds any request may take while Redis is down or hung
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
    settings.CACHES = {  # production's cache settings (cspsite/settings/production.py)
        "default": redis_cache(server.url(0), "faults"),
        "pagecache": redis_cache(server.url(1), "faults-pages"),
    }
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


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def assert_site_works(site_pages, editor_client, within=WITHIN):
    """Every public page, a copy request and the admin answer as usual, each ``within``
    seconds (None: not timed, for the first pass that fills Django's template caches)."""
    urls, form_page = site_pages
    reader = Client()
    for url in urls:
        response, seconds = timed(lambda url=url: reader.get(url))
        assert response.status_code == (404 if url == "/missing-page/" else 200), url
        assert within is None or seconds < within, (url, seconds)

    stored_before = FormSubmission.objects.count()
    response, seconds = timed(lambda: reader.post(form_page.url, COPY_REQUEST))
    assert response.status_code == 200
    assert "Request sent" in response.content.decode()
    assert within is None or seconds < within, ("copy request", seconds)
    assert FormSubmission.objects.count() == stored_before + 1

    response, seconds = timed(lambda: editor_client.get("/admin/"))
    assert response.status_code == 200
    assert within is None or seconds < within, ("admin", seconds)


def test_with_redis_running_pages_are_cached_in_it(own_redis, site_pages, editor_client):
    assert_site_works(site_pages, editor_client, within=None)

    assert Client().get("/")["X-Wagtail-Cache"] == "hit"
    assert own_redis.client.dbsize() > 0  # Wagtail's site root paths, the rate limit
    assert redis.Redis(port=own_redis.port, db=1).dbsize() > 0  # the pages


def test_redis_stopped_the_site_works_uncached_and_says_once_what_is_down(
    own_redis, site_pages, editor_client, caplog
):
    assert_site_works(site_pages, editor_client, within=None)
    own_redis.stop()

    with caplog.at_level(logging.WARNING):
        assert_site_works(site_pages, editor_client)
        assert_site_works(site_pages, editor_client)
    health = Client().get("/healthz")

    assert health.status_code == 200
    assert health.content == b"degraded: cache down, page cache down"
    outage = [r for r in caplog.records if "is not answering" in r.getMessage()]
    assert len(outage) == 1, "logged once, not once per request"
    assert "Copy requests are not rate-limited: the cache is down." in caplog.text


def test_redis_hung_costs_each_request_under_a_second_and_it_comes_back_without_a_restart(
    own_redis, site_pages, editor_client, monkeypatch
):
    monkeypatch.setattr(resilient_cache, "BREAKER_COOLDOWN", 0.5)
    resilient_cache.reset_breakers()
    assert_site_works(site_pages, editor_client, within=None)  # connections to Redis are pooled
    own_redis.pause()

    assert_site_works(site_pages, editor_client)
    time.sleep(0.6)  # the breaker lets one call try again: it times out within the limit
    assert_site_works(site_pages, editor_client)

    own_redis.resume()
    time.sleep(0.6)
    reader = Client()
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
    assert FormSubmission.objects.count() == 1
    assert "is stored but the email to the inbox failed" in caplog.text

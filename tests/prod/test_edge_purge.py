"""The app's side of edge purging (ops/edge_purge.py), against a stand-in purge listener:
one PURGE after each change commits, and a take-down that stands whatever the edge does.
tests/prod/test_edge_cache.py runs the same path against the shipped nginx."""

import http.server
import logging
import socket
import threading

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from demo.pdfs import build_pdf
from dhr.models import ReviewPage
from ops import edge_purge
from tests.dhr.builders import make_index, make_review

pytestmark = pytest.mark.django_db


class Listener(http.server.ThreadingHTTPServer):
    """Records each request's method and path; answers with ``status``."""

    def __init__(self):
        self.requests = []
        self.status = 200
        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - http.server's naming
        self.server.requests.append((self.command, self.path))
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def listener(settings):
    server = Listener()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EDGE_PURGE_URLS = [server.url]
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def review(home_page):
    return make_review(make_index(home_page), "Lesley")


@pytest.fixture
def moderator(client, django_user_model):
    user = django_user_model.objects.create_user("moderator", "moderator@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return user


def unpublish(client, review):
    return client.post(f"/admin/pages/{review.pk}/unpublish/")


def test_an_unpublish_purges_the_whole_edge_once_it_is_committed(
    client, moderator, review, listener, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = unpublish(client, review)
        assert listener.requests == []  # nothing before the commit

    assert response.status_code == 302
    assert listener.requests == [("PURGE", "/")]


def replace_file(document):
    """What "Replace file" on the document's edit page does."""
    document.file.save("replacement.pdf", ContentFile(build_pdf("Replacement", [])), save=False)
    document.save()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda review: review.move(review.get_parent().get_parent(), pos="last-child"), id="move"
        ),
        pytest.param(lambda review: review.delete(), id="delete"),
        pytest.param(lambda review: review.documents.first().document.delete(), id="document deleted"),
        pytest.param(lambda review: replace_file(review.documents.first().document), id="document replaced"),
    ],
)
def test_every_change_to_a_review_purges_the_edge(
    review, listener, change, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change(review)

    assert ("PURGE", "/") in listener.requests


def test_every_listener_is_purged(settings, review, listener, django_capture_on_commit_callbacks):
    second = Listener()
    threading.Thread(target=second.serve_forever, daemon=True).start()
    settings.EDGE_PURGE_URLS = [listener.url, second.url + "/"]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            review.get_latest_revision().publish()
    finally:
        second.shutdown()
        second.server_close()

    assert listener.requests == second.requests == [("PURGE", "/")]


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_edge_does_not_stop_a_take_down(
    client, moderator, review, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EDGE_PURGE_URLS = [f"http://127.0.0.1:{closed_port()}"]

    with (
        caplog.at_level(logging.ERROR, logger="ops.edge_purge"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = unpublish(client, review)

    assert response.status_code == 302
    assert not ReviewPage.objects.get(pk=review.pk).live
    assert "Could not purge the edge cache" in caplog.text


def test_an_edge_that_does_not_answer_is_given_up_on(
    client, moderator, review, settings, caplog, monkeypatch, django_capture_on_commit_callbacks
):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # accepts the connection, never answers
    settings.EDGE_PURGE_URLS = [f"http://127.0.0.1:{silent.getsockname()[1]}"]
    monkeypatch.setattr(edge_purge, "TIMEOUT", 0.3)
    try:
        with (
            caplog.at_level(logging.ERROR, logger="ops.edge_purge"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = unpublish(client, review)
    finally:
        silent.close()

    assert response.status_code == 302
    assert not ReviewPage.objects.get(pk=review.pk).live
    assert "timed out" in caplog.text


@pytest.mark.parametrize(("status", "logged"), [(404, False), (500, True)])
def test_an_edge_error_is_logged_but_nothing_to_purge_is_not(
    client, moderator, review, listener, caplog, status, logged, django_capture_on_commit_callbacks
):
    listener.status = status

    with (
        caplog.at_level(logging.ERROR, logger="ops.edge_purge"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = unpublish(client, review)

    assert response.status_code == 302
    assert listener.requests == [("PURGE", "/")]
    assert ("Could not purge the edge cache" in caplog.text) is logged


def test_no_listener_no_purge(settings, review, django_capture_on_commit_callbacks):
    settings.EDGE_PURGE_URLS = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review.get_latest_revision().publish()

    assert edge_purge.purge_edge not in callbacks


def test_a_take_down_is_purged_again_a_few_seconds_later(
    client, moderator, review, listener, settings, django_capture_on_commit_callbacks, monkeypatch
):
    """A page rendered from the database before the unpublish committed can be stored
    after the purge at commit: both caches are emptied once more, a few seconds later,
    and a burst of changes shares that one timer."""
    from django.core.cache import caches

    from ops import caching

    timers = []

    class RecordingTimer:
        def __init__(self, delay, function):
            self.delay, self.function, self.daemon = delay, function, False
            timers.append(self)

        def start(self):
            pass

    monkeypatch.setattr(caching.threading, "Timer", RecordingTimer)
    monkeypatch.setitem(caching._repurge, "timer", None)
    settings.PAGE_CACHE_REPURGE_AFTER = 5
    with django_capture_on_commit_callbacks(execute=True):
        unpublish(client, review)
    with django_capture_on_commit_callbacks(execute=True):
        caching.purge_all()
    assert [timer.delay for timer in timers] == [5]
    assert timers[0].daemon

    # What a render that began before the commit stores after the first purge:
    caches[settings.WAGTAIL_CACHE_BACKEND].set("stale-page", "the review, still live")
    listener.requests.clear()
    timers[0].function()

    assert caches[settings.WAGTAIL_CACHE_BACKEND].get("stale-page") is None
    assert listener.requests == [("PURGE", "/")]
    assert caching._repurge["timer"] is None

"""PostgreSQL stopped or unreachable: readers get a 503 page in the site's design, with
the national helplines, that the site's own Content Security Policy lets the browser
style; pages already in the page cache keep serving until their lifetime ends."""

import logging

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from ops.inline_scripts import JS_ENABLED_SCRIPT
from tests.helpers import database_down

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("fragments", [False, True], ids=["fragments off", "fragments on"])
def test_reader_gets_a_styled_503_with_helplines_when_the_database_is_down(
    reader, home_page, settings, fragments
):
    # With fragments on, the site is looked up before the view (ops/sites.py); a database
    # that is down there must still give the 503 page its security headers.
    settings.FRAGMENT_CACHE = fragments
    from ops import caching

    caching.page_cache().clear()
    with database_down():
        response = reader.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("h1").get_text(strip=True) == "Sorry, the service is unavailable"
    assert "0808 2000 247" in html.select_one(".app-helplines").get_text()
    assert "call 999" in html.get_text()
    assert html.select_one('link[rel="stylesheet"]')["href"].endswith("css/main.css")
    # Nothing the site's CSP would block: no inline style, only the hashed inline script.
    csp = response["Content-Security-Policy"]
    assert "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert not html.find("style") and not html.select("[style]")
    assert [script.string for script in html.find_all("script")] == [JS_ENABLED_SCRIPT]


def test_every_kind_of_public_request_gets_the_503(reader, home_page):
    with database_down():
        for url in ("/search/?q=review", "/sitemap.xml", "/missing-page/"):
            assert reader.get(url).status_code == 503, url


def test_outage_is_logged_at_most_once_a_minute(reader, home_page, caplog):
    from ops.views import database_down_log

    database_down_log.forget("database-down")
    with database_down(), caplog.at_level(logging.ERROR, logger="ops.views"):
        for _ in range(3):
            reader.get("/")

    assert [r.message for r in caplog.records if r.name == "ops.views"] == [
        "The database is not answering: serving the 503 page."
    ]
    database_down_log.forget("database-down")


def test_other_errors_still_get_the_500_page_in_the_sites_design(reader, home_page, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("home.models.HomePage.serve", broken)
    response = reader.get("/")

    assert response.status_code == 500
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("h1").get_text(strip=True) == "Sorry, there is a problem with the service"
    assert not html.find("style")
    assert "0808 2000 247" in html.get_text()


def test_pages_already_cached_keep_serving_while_the_database_is_down(reader, home_page, settings):
    settings.WAGTAIL_CACHE = True
    fresh = reader.get("/")
    assert fresh.status_code == 200

    with database_down():
        cached = reader.get("/")

    assert cached.status_code == 200
    assert cached.content == fresh.content

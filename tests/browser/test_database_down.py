"""The page readers see while PostgreSQL is unreachable: in the site's design, under the
site's own Content Security Policy (not bypassed here), with nothing it blocks."""

import os
import sys

import pytest

from tests.browser.conftest import DESKTOP, _free_port, _require_chromium, serve


@pytest.fixture
def database_down_url(tmp_path):
    """A server whose DATABASE_URL names a PostgreSQL port where nothing listens."""
    _require_chromium()
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cspsite.settings.test",
        "DATABASE_URL": f"postgres://nobody@127.0.0.1:{_free_port()}/nothing",
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "cspsite.wsgi",
    ]
    yield from serve(command, env, port, tmp_path / "server.log", ready_path="/healthz")


def test_database_down_page_is_styled_under_the_sites_csp(browser, database_down_url, _artifacts_dir):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")  # CSP enforced
    page = context.new_page()
    blocked = []
    page.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
    )

    response = page.goto(database_down_url + "/")

    assert response.status == 503
    assert "style-src 'self'" in response.headers["content-security-policy"]
    assert page.locator("h1").inner_text() == "Sorry, the service is unavailable"
    assert "0808 2000 247" in page.locator(".app-helplines").inner_text()
    # The site's stylesheet applied: the brand header and GOV.UK type, not browser defaults.
    brand = page.evaluate("getComputedStyle(document.querySelector('.app-header__brand')).backgroundColor")
    assert brand == "rgb(11, 59, 96)"
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).fontWeight") == "700"
    assert page.evaluate("document.body.classList.contains('js-enabled')"), "the hashed inline script ran"
    assert blocked == []
    page.screenshot(path=str(_artifacts_dir / "database-down.png"), full_page=True)
    context.close()

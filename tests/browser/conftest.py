"""Browser tests: headless Debian Chromium driven by Playwright against a real server.

A session-wide server runs `manage.py runserver` on a throwaway SQLite database built
with migrate + load_demo_content, so pages look exactly as `make run` shows them.
Outside CI the tests skip with a reason when Chromium is missing; in CI they fail.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(item.fspath).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


def _require_chromium():
    if Path(CHROMIUM).exists() and AXE_JS.exists():
        return
    reason = f"Chromium ({CHROMIUM}) or axe-core ({AXE_JS}) is not installed"
    if os.environ.get("CI"):
        pytest.fail(reason + "; CI must install them (see .ci/run)")
    pytest.skip(reason + "; run `apt-get install chromium` and `npm ci` to run browser tests")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _demo_server(workdir, nation):
    """Start ``manage.py runserver`` on a new SQLite database with the demo content for
    ``nation``; yield its base URL and stop it afterwards."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cspsite.settings.test",
        "DATABASE_URL": f"sqlite:///{workdir / 'live.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["load_demo_content", "--nation", nation, "-v0"]):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, capture_output=True)
    port = _free_port()
    yield from serve(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload"], env, port, workdir / "server.log"
    )


def serve(command, env, port, log_path, ready_path="/"):
    """Run ``command`` (a server listening on ``port``), yield its base URL once
    ``ready_path`` answers (any HTTP status), and stop it afterwards."""
    log = open(log_path, "w")  # noqa: SIM115 - closed after the server stops
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + ready_path, timeout=2)  # noqa: S310 - our own local server
            break
        except urllib.error.HTTPError:
            break  # answering, with an error status (such as 503 with the database down)
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError(f"Test server did not start; see {log_path}") from None
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def live_url(tmp_path_factory):
    """Base URL (no trailing slash) of a server showing the demo site, built for Wales:
    the English pages exactly as in England, plus the Welsh site (and its language
    switcher) for the tests that need it."""
    _require_chromium()
    yield from _demo_server(tmp_path_factory.mktemp("live"), "wales")


@pytest.fixture(scope="session")
def england_url(tmp_path_factory):
    """Base URL of a server showing the England demo (no Welsh, no language switcher)."""
    _require_chromium()
    yield from _demo_server(tmp_path_factory.mktemp("england"), "england")


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _new_page(browser, live_url, viewport, requested_hosts):
    context = browser.new_context(viewport=viewport, bypass_csp=True, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("request", lambda request: requested_hosts.append(request.url.split("/")[2]))
    return context, page


@pytest.fixture
def requested_hosts():
    """host:port of every request the page made, to prove no third party is contacted."""
    return []


@pytest.fixture
def browser_page(browser, live_url, requested_hosts):
    context, page = _new_page(browser, live_url, DESKTOP, requested_hosts)
    yield page
    context.close()


@pytest.fixture
def mobile_page(browser, live_url, requested_hosts):
    context, page = _new_page(browser, live_url, MOBILE, requested_hosts)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_violations():
    """Run every axe-core rule on the page, best practices and experimental rules (such as
    Label in Name and "paragraphs as headings") included, but for the WCAG AAA ones: the
    site's target is WCAG 2.2 AA, and GOV.UK Frontend's link and button colours meet AA's
    4.5:1 contrast, not AAA's 7:1. Returns the violations (id + nodes)."""
    source = AXE_JS.read_text()

    def run(page):
        page.add_script_tag(content=source)
        result = page.evaluate(
            "async () => {"
            " const rules = Object.fromEntries(axe.getRules().map(r => [r.ruleId, {enabled: !r.tags.includes('wcag2aaa')}]));"
            " const results = await axe.run(document, {rules});"
            " return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' '))}));"
            "}"
        )
        return result

    return run


@pytest.fixture(scope="session", autouse=True)
def _artifacts_dir():
    path = ROOT / "test-artifacts"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def public_pages(request):
    """``public_pages("live_url")``: every public page of that demo server (tests/browser/crawl.py),
    crawled once per test session."""
    from .crawl import crawl

    found = {}

    def pages(site):
        if site not in found:
            found[site] = crawl(request.getfixturevalue(site))
        return found[site]

    return pages

"""The learning pages (themes index, a theme's page, the listing filtered by theme and its
error, "What we have learned", a review with findings and recommendations), English and
Welsh: no axe-core violations at desktop and phone widths, and valid HTML. The whole-site
crawl covers them too; this checks them on their own, quickly."""

import urllib.error
import urllib.request

import pytest

from .conftest import DESKTOP, MOBILE
from .crawl import Fetched
from .test_html_validity import _require_checker, nu_errors

PATHS = [
    "/learning-themes/",
    "/learning-themes/coercive-control/",
    "/learning-themes/older-victims/",  # nothing current
    "/domestic-homicide-reviews/what-we-have-learned/",
    "/domestic-homicide-reviews/?theme=coercive-control",
    "/domestic-homicide-reviews/?theme=no-such-theme",
    "/domestic-homicide-reviews/lesley/",
    "/cy/themau-dysgu/",
    "/cy/themau-dysgu/rheolaeth-drwy-orfodaeth/",
    "/cy/adolygiadau-dynladdiad-domestig/yr-hyn-rydyn-ni-wedi-ei-ddysgu/",
]
WIDTHS = {"1280px": DESKTOP, "375px": MOBILE}


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own local server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violations_on_the_learning_pages(browser, live_url, axe_violations, width):
    context = browser.new_context(viewport=WIDTHS[width], bypass_csp=True, locale="en-GB")
    page = context.new_page()
    found, statuses = {}, {}
    try:
        for path in PATHS:
            response = page.goto(live_url + path)
            statuses[path] = response.status
            violations = axe_violations(page)
            if violations:
                found[path] = violations
    finally:
        context.close()
    assert statuses["/domestic-homicide-reviews/?theme=no-such-theme"] == 400
    assert all(status == 200 for path, status in statuses.items() if "no-such" not in path), statuses
    assert found == {}


def test_the_learning_pages_are_valid_html(live_url, tmp_path):
    _require_checker()
    pages = [Fetched(path, *fetch(live_url + path)) for path in PATHS]
    assert nu_errors(pages, tmp_path) == []

"""The Welsh site as a reader sees it: every translated page type in Welsh with no
accessibility failures, and the language switcher taking readers between counterparts."""

import pytest

WELSH_PAGES = ["/cy/", "/cy/search/?q=adolygiad"]


@pytest.fixture(scope="module")
def welsh_paths(live_url):
    """The demo's Welsh pages, found from the English ones' language switchers."""
    import re
    import urllib.request

    paths = []
    for english in ("/domestic-homicide-reviews/", "/domestic-homicide-reviews/request-a-copy/"):
        html = urllib.request.urlopen(live_url + english).read().decode()  # noqa: S310 - our own server
        match = re.search(r'<link rel="alternate" hreflang="cy" href="[^"]*?(/cy/[^"]*)"', html)
        assert match, f"{english} has no Welsh alternate"
        paths.append(match.group(1))
    return paths


def test_welsh_pages_are_in_welsh_with_no_axe_violations(browser_page, live_url, axe_violations, welsh_paths):
    for path in WELSH_PAGES + welsh_paths:
        browser_page.goto(live_url + path)
        assert browser_page.evaluate("document.documentElement.lang") == "cy", path
        assert axe_violations(browser_page) == [], path


def test_welsh_pages_at_375px(mobile_page, live_url, axe_violations, welsh_paths):
    for path in ["/cy/"] + welsh_paths:
        mobile_page.goto(live_url + path)
        assert axe_violations(mobile_page) == [], path


def test_switcher_goes_to_the_same_page_in_the_other_language_and_back(browser_page, live_url, welsh_paths):
    browser_page.goto(live_url + "/domestic-homicide-reviews/")
    browser_page.get_by_role("link", name="Cymraeg").click()
    assert browser_page.url == live_url + welsh_paths[0]
    assert browser_page.evaluate("document.documentElement.lang") == "cy"
    assert browser_page.locator(".govuk-skip-link").text_content().strip() == "Neidio i'r prif gynnwys"
    browser_page.get_by_role("link", name="English").click()
    assert browser_page.url == live_url + "/domestic-homicide-reviews/"


def test_untranslated_page_says_so_in_welsh(browser_page, live_url):
    browser_page.goto(live_url + "/contact/")
    link = browser_page.locator(".app-language-switcher a[lang='cy']")
    assert link.get_attribute("href") == "/cy/"
    assert "nid yw'r dudalen hon wedi'i chyfieithu" in link.text_content()

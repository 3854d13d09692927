"""Accessibility of the statutory duties and workstreams pages in a real browser.

Uses the fixtures in tests/browser/conftest.py: ``live_url`` (a server with the demo
content), ``browser_page`` (a Playwright page) and ``axe_violations(page)``.
"""

import pytest

PAGES = [
    "/statutory-duties/",
    "/statutory-duties/section-17/",
    "/workstreams/",
    "/workstreams/contest/",
    "/workstreams/serious-and-organised-crime/",
    "/workstreams/integrated-offender-management/",
    "/workstreams/community-cohesion/",
]


@pytest.mark.parametrize("path", PAGES)
def test_each_page_has_one_main_heading(browser_page, live_url, path):
    # Every page's axe-core check, at both widths, is in test_accessibility.py.
    browser_page.goto(live_url + path)
    assert browser_page.locator("h1").count() == 1


def test_filtered_and_bad_filter_pages_have_no_axe_violations(browser_page, live_url, axe_violations):
    browser_page.goto(live_url + "/workstreams/?lead=wales")
    assert axe_violations(browser_page) == []

    response = browser_page.goto(live_url + "/workstreams/?lead=nobody")
    assert response.status == 400
    assert axe_violations(browser_page) == []


def test_lead_filter_works_by_keyboard(browser_page, live_url):
    browser_page.goto(live_url + "/workstreams/")
    browser_page.locator("#lead").focus()
    browser_page.locator("#lead").select_option("wales")
    browser_page.keyboard.press("Tab")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/workstreams/?lead=wales")

    titles = browser_page.locator(".app-listing__item h2").all_inner_texts()
    assert titles == ["Community cohesion"]


def test_error_summary_takes_focus_and_links_to_the_filter(browser_page, live_url):
    browser_page.goto(live_url + "/workstreams/?lead=nobody")
    focused = browser_page.evaluate("document.activeElement.className")
    assert "govuk-error-summary" in focused
    browser_page.locator(".govuk-error-summary a").click()
    assert browser_page.evaluate("document.activeElement.id") == "lead"

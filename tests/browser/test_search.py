"""Search pages in a real browser: no axe-core violations on results, filtered results and
no results, and the search box in the header leads to them."""

import pytest

SEARCH_PAGES = {
    "results": ("/search/?q=privacy", ".app-search-result"),
    "filtered": ("/search/?q=privacy&section=other", ".app-search-filter a[aria-current=page]"),
    "no results": ("/search/?q=zanzibar+quokka", ".app-search-no-results"),
    "symbols only": ("/search/?q=%26%7C%21%28%29", ".app-search-no-results"),
}


@pytest.mark.parametrize("name", SEARCH_PAGES)
def test_search_pages_have_no_axe_violations(browser_page, live_url, axe_violations, name):
    path, landmark = SEARCH_PAGES[name]
    browser_page.goto(live_url + path)

    assert browser_page.locator(landmark).count() >= 1
    assert axe_violations(browser_page) == []


def test_header_search_box_leads_to_highlighted_results(browser_page, live_url):
    browser_page.goto(live_url + "/")
    browser_page.fill("#header-search", "partnership")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/search/?q=partnership")

    assert browser_page.locator(".app-search-result mark").first.inner_text().lower() == "partnership"
    assert browser_page.locator("#search-q").input_value() == "partnership"

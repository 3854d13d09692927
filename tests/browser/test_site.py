"""What only a browser shows on the site-wide pages: accessibility, keyboard use, the
mobile menu, banners and that no request leaves the site."""

import pytest

PAGES = [
    "/",
    "/accessibility-statement/",
    "/contact/",
    "/cover-your-tracks-online/",
    "/search/?q=privacy",
    "/no-such-page/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_request_leaves_the_site(browser_page, live_url, requested_hosts, path):
    # Every page's axe-core check, at both widths, is in test_accessibility.py.
    browser_page.goto(live_url + path)
    own_host = live_url.split("/")[2]
    assert set(requested_hosts) == {own_host}


def test_skip_link_is_first_and_moves_focus_to_main(browser_page, live_url):
    browser_page.goto(live_url + "/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert browser_page.locator(".govuk-skip-link").is_visible()
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main-content"


def test_focus_is_visible_on_links(browser_page, live_url):
    browser_page.goto(live_url + "/")
    browser_page.keyboard.press("Tab")
    browser_page.keyboard.press("Tab")
    style = browser_page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.backgroundColor, s.boxShadow]; })()"
    )
    assert style[0] != "none" or style[1] != "rgba(0, 0, 0, 0)" or style[2] != "none"


def test_mobile_menu_toggles_by_keyboard(mobile_page, live_url):
    mobile_page.goto(live_url + "/")
    toggle = mobile_page.locator(".govuk-service-navigation__toggle")
    if toggle.count() == 0 or not toggle.is_visible():
        pytest.fail("The menu toggle should be visible at 375px")
    menu = mobile_page.locator("#navigation")
    assert not menu.is_visible()
    toggle.focus()
    mobile_page.keyboard.press("Enter")
    assert menu.is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    mobile_page.keyboard.press("Enter")
    assert not menu.is_visible()


def test_alert_banner_can_be_hidden_for_the_session(browser_page, live_url):
    browser_page.goto(live_url + "/")
    banner = browser_page.locator("[data-module='app-alert']").first
    assert banner.is_visible()
    banner.get_by_role("button", name="Hide this message").click()
    assert not banner.is_visible()
    browser_page.goto(live_url + "/contact/")
    assert not browser_page.locator("[data-module='app-alert']").first.is_visible()
    assert browser_page.context.cookies() == []


def test_exit_this_page_leaves_by_button(browser_page, live_url):
    browser_page.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, body="<title>Weather</title>Weather"),
    )
    browser_page.goto(live_url + "/cover-your-tracks-online/")
    browser_page.get_by_role("button", name="Emergency Exit this page").click()
    browser_page.wait_for_url("https://www.bbc.co.uk/weather")


def test_exit_this_page_leaves_on_shift_three_times(browser_page, live_url):
    browser_page.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, body="<title>Weather</title>Weather"),
    )
    browser_page.goto(live_url + "/cover-your-tracks-online/")
    browser_page.locator("body").click(position={"x": 5, "y": 5})
    for _ in range(3):
        browser_page.keyboard.press("Shift")
    browser_page.wait_for_url("https://www.bbc.co.uk/weather")


def test_home_page_screenshot(browser_page, mobile_page, live_url, _artifacts_dir):
    browser_page.goto(live_url + "/")
    browser_page.screenshot(path=str(_artifacts_dir / "home-desktop.png"), full_page=True)
    mobile_page.goto(live_url + "/")
    mobile_page.screenshot(path=str(_artifacts_dir / "home-mobile.png"), full_page=True)
    assert browser_page.title().startswith("Millbrook Community Safety Partnership")

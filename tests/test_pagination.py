"""Pages of the DHR listing and of search results: one rule for the page number a reader
asks for (a clear 404, never a server error) and one GOV.UK pagination component."""

import pytest
from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.http import Http404
from django.test import RequestFactory

from core.pagination import pagination, requested_page_number
from tests.dhr.builders import make_document, make_index, make_many_live_reviews
from tests.factories import StandardPageFactory

# Digits that are not ASCII ("²".isdigit() is true), zero, and a number too long to be a page.
BAD_PAGES = ["²", "①", "٣", "0", "00", "99999999", "9" * 400, "-1", "1.5", "abc", " 1", "1\x00"]
PAGES = 9


@pytest.mark.parametrize("value", BAD_PAGES)
def test_a_page_number_that_is_not_a_whole_number_from_1_is_a_404(value):
    with pytest.raises(Http404):
        requested_page_number(RequestFactory().get("/", {"page": value}))


@pytest.mark.parametrize(
    ("query", "number"), [({}, 1), ({"page": ""}, 1), ({"page": "3"}, 3), ({"page": "007"}, 7)]
)
def test_page_number_read_from_the_query_string(query, number):
    assert requested_page_number(RequestFactory().get("/", query)) == number


def test_links_name_each_page_with_an_ellipsis_for_each_gap():
    page = Paginator(range(100), 10).page(5)

    links = pagination(page, lambda number: f"?page={number}")

    assert [link.number or "…" for link in links.links] == [1, "…", 4, 5, 6, "…", 10]
    assert [link.number for link in links.links if link.current] == [5]
    assert (links.previous_url, links.next_url) == ("?page=4", "?page=6")


def test_one_page_has_no_links():
    assert pagination(Paginator(range(3), 10).page(1), str).links == []


@pytest.fixture(autouse=True)
def _one_per_page(monkeypatch):
    """One review or result a page, so a few make many pages."""
    monkeypatch.setattr("dhr.models.index.REVIEWS_PER_PAGE", 1)
    monkeypatch.setattr("search.results.RESULTS_PER_PAGE", 1)


@pytest.fixture
def listing(home_page):
    index = make_index(home_page)
    make_many_live_reviews(index, PAGES, [make_document("Shared report")])
    return index.url


@pytest.fixture
def search_results(home_page):
    for n in range(PAGES):
        StandardPageFactory(parent=home_page, title=f"Community safety review {n}")
    return "/search/?q=safety"


def _get(client, url, page):
    return client.get(url + ("&" if "?" in url else "?") + "page=" + page)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "①", "0", "99999999", str(PAGES + 1)])
@pytest.mark.parametrize("where", ["listing", "search_results"])
def test_bad_page_numbers_give_a_404_on_the_listing_and_search(client, request, where, value):
    url = request.getfixturevalue(where)

    response = _get(client, url, value)

    assert response.status_code == 404
    assert BeautifulSoup(response.content, "html.parser").find("h1").get_text(strip=True) == "Page not found"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("where", "label", "first_link"),
    [
        ("listing", "Pages of reviews", "?page=1#completed-reviews"),
        ("search_results", "Pages of search results", "?q=safety"),
    ],
)
def test_listing_and_search_share_the_govuk_pagination(client, request, where, label, first_link):
    url = request.getfixturevalue(where)

    response = _get(client, url, "5")

    nav = BeautifulSoup(response.content, "html.parser").select_one("nav.govuk-pagination")
    assert nav["aria-label"] == label
    items = nav.select(".govuk-pagination__item")
    # GOV.UK Frontend 6 names the gap "--ellipsis"; "--ellipses" has no style.
    assert [item.get_text(strip=True) for item in items] == ["1", "⋯", "4", "5", "6", "⋯", str(PAGES)]
    assert len(nav.select(".govuk-pagination__item--ellipsis")) == 2
    assert nav.select_one(".govuk-pagination__list a")["href"] == first_link
    assert nav.select_one(".govuk-pagination__item--current a")["aria-current"] == "page"
    for arrow in ("prev", "next"):
        assert nav.select_one(f".govuk-pagination__{arrow} a svg.govuk-pagination__icon--{arrow}")

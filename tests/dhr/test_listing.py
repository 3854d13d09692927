"""The DHR index: guidance, the newest-first list of reviews with filters and pages, and
the "available on request" list."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache

from i18n.languages import forget_locales
from tests.dhr.builders import (
    make_document,
    make_index,
    make_many_live_reviews,
    make_request_form,
    make_review,
)
from tests.helpers import get_with_query_count

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
SPRING_2025 = datetime.datetime(2025, 3, 15, 12, tzinfo=datetime.UTC)


@pytest.fixture
def spring_2025():
    with time_machine.travel(SPRING_2025, tick=False):
        yield


@pytest.fixture
def index(home_page):
    return make_index(home_page)


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".app-review h3")]


def test_reviews_are_listed_newest_first_with_their_details(client, index, spring_2025):
    make_review(index, "Older", publication_date=datetime.date(2024, 5, 1))
    make_review(
        index,
        "Amira",
        publication_date=datetime.date(2025, 2, 1),
        joint_review_with="Safer Kelbrook Partnership",
        death_month=11,
        death_year=2022,
    )
    response = client.get(index.url)
    assert response.status_code == 200
    assert titles(response) == [
        "Domestic Homicide Review into the death of 'Amira'",
        "Domestic Homicide Review into the death of 'Older'",
    ]
    soup = BeautifulSoup(response.content, "html.parser")
    first = soup.select_one(".app-review")
    text = first.get_text(" ", strip=True)
    assert "Joint review with Safer Kelbrook Partnership" in text
    assert "November 2022" in text
    assert "1 February 2025" in text
    documents = first.select(".app-document")
    assert len(documents) == 3
    assert "Executive summary: Domestic Homicide Review into the death of 'Amira'" in documents[0].get_text()
    assert "PDF" in documents[0].select_one(".app-document__meta").get_text()
    assert "1 page" in documents[0].select_one(".app-document__meta").get_text()


def test_every_page_of_the_section_has_exit_and_helplines(client, index):
    form_page = make_request_form(index)
    review = make_review(index, "Lesley")
    for url in [index.url, review.url, form_page.url]:
        html = client.get(url).content.decode()
        assert "govuk-exit-this-page" in html, url
        assert "Get help now" in html, url
        assert "press 55" in html, url


def test_filter_by_year_and_type(client, index, spring_2025):
    make_review(index, "Alpha", publication_date=datetime.date(2024, 5, 1))
    make_review(index, "Beta", publication_date=datetime.date(2025, 2, 1), review_type="dardr")
    make_review(index, "Gamma", publication_date=datetime.date(2025, 3, 1))

    assert titles(client.get(index.url, {"year": "2024"})) == [
        "Domestic Homicide Review into the death of 'Alpha'"
    ]
    assert titles(client.get(index.url, {"review_type": "dardr"})) == [
        "Domestic Abuse Related Death Review into the death of 'Beta'"
    ]
    assert titles(client.get(index.url, {"year": "2025", "review_type": "dhr"})) == [
        "Domestic Homicide Review into the death of 'Gamma'"
    ]
    soup = BeautifulSoup(client.get(index.url).content, "html.parser")
    assert [o["value"] for o in soup.select("#id_year option")] == ["", "2025", "2024"]


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "99"},
        {"year": "٢٠٢٤"},
        {"review_type": "bogus"},
        {"year": "2024\x00"},
        {"year": "9" * 400},
    ],
)
def test_bad_filters_give_a_clear_400(client, index, query):
    make_review(index, "Alpha", publication_date=datetime.date(2024, 5, 1))
    response = client.get(index.url, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Alpha" not in "".join(titles(response))


def test_a_year_with_no_reviews_says_so_and_keeps_the_rest_of_the_listing(client, index):
    make_request_form(index)
    with time_machine.travel(datetime.datetime(2024, 1, 10, 12, tzinfo=datetime.UTC), tick=False):
        make_review(index, "Joan", publication_date=datetime.date(2024, 1, 10))
    make_review(index, "Alpha")

    response = client.get(index.url, {"year": "2019"})

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    status = soup.select_one("[role=status]").get_text(" ", strip=True)
    assert "No reviews published in 2019 are online." in status
    assert titles(response) == []
    assert not soup.select(".govuk-error-summary")
    # Reviews that came down are still listed as available on request.
    assert "Joan" in soup.select_one(".app-aged-reviews").get_text()


@pytest.mark.parametrize("page", ["0", "abc", "99", "9" * 50, "-1", "1.5"])
def test_bad_page_numbers_give_404(client, index, page):
    make_review(index, "Alpha")
    assert client.get(index.url, {"page": page}).status_code == 404


def test_pagination_keeps_filters(client, index):
    documents = [make_document("Shared report")]
    make_many_live_reviews(index, 40, documents)  # 14 of them are DHRs
    first = client.get(index.url, {"review_type": "dhr"})
    soup = BeautifulSoup(first.content, "html.parser")
    next_link = soup.select_one(".govuk-pagination__next a")["href"]
    assert next_link.startswith("?review_type=dhr&page=2")
    second = client.get(index.url, {"review_type": "dhr", "page": "2"})
    assert second.status_code == 200
    second_titles = titles(second)
    assert len(second_titles) == 4
    assert all(title.startswith("Domestic Homicide Review") for title in second_titles)


def test_aged_reviews_are_listed_on_request_with_name_type_and_year_only(client, index):
    form_page = make_request_form(index)
    with time_machine.travel(datetime.datetime(2024, 1, 10, 12, tzinfo=datetime.UTC), tick=False):
        aged = make_review(index, "Joan", publication_date=datetime.date(2024, 1, 10))
    current = make_review(index, "Amira")
    response = client.get(index.url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert titles(response) == ["Domestic Homicide Review into the death of 'Amira'"]
    entries = soup.select(".app-aged-review")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.get_text(" ", strip=True).startswith(
        "Domestic Homicide Review into the death of 'Joan' , published 2024"
    )
    links = [a["href"] for a in entry.select("a")]
    assert links == [f"{form_page.url}?review={aged.pk}"]
    assert aged.summary not in response.content.decode()
    assert current.summary in response.content.decode()


def cold_query_count(client, url):
    """Queries for ``url`` measured cold: the site's root paths are fetched too, and so is
    the (missing) Welsh locale, which is otherwise looked up again only a minute after the
    last miss, so that counts would depend on how long the test took."""
    cache.clear()
    forget_locales()
    return get_with_query_count(client, url)


# Measured with the site settings stored, as they are after a site's first request
# (``site_settings``): creating the row is not part of a page's cost.
def test_listing_query_count_is_the_same_for_5_and_500_reviews(client, index, site_settings):
    make_request_form(index)
    url = index.url
    documents = [make_document("Shared executive summary"), make_document("Shared overview report")]
    make_many_live_reviews(index, 5, documents)
    response, few = cold_query_count(client, url)
    assert response.status_code == 200
    assert len(titles(response)) == 5

    make_many_live_reviews(index, 495, documents)
    response, many = cold_query_count(client, url)
    assert response.status_code == 200
    assert len(titles(response)) == 10
    assert "500 reviews" in response.content.decode()
    assert few == many
    assert many <= MAX_QUERIES

    filtered, filtered_count = cold_query_count(client, url + "?review_type=susr&page=3")
    assert filtered.status_code == 200
    assert len(titles(filtered)) == 10
    assert filtered_count == many


def test_review_gone_and_form_pages_stay_within_the_query_budget(client, index, site_settings):
    form_page = make_request_form(index)
    with time_machine.travel(datetime.datetime(2024, 1, 10, 12, tzinfo=datetime.UTC), tick=False):
        aged = make_review(index, "Joan", publication_date=datetime.date(2024, 1, 10))
    review = make_review(index, "Amira")
    for url, status in [(review.url, 200), (aged.url, 410), (form_page.url, 200)]:
        cache.clear()
        response, count = get_with_query_count(client, url)
        assert response.status_code == status
        assert count <= MAX_QUERIES, url
        crumbs = BeautifulSoup(response.content, "html.parser").select(".govuk-breadcrumbs__link")
        assert [a.get_text(strip=True) for a in crumbs] == ["Home", "Domestic homicide reviews"]

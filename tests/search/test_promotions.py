"""Editors' promoted results come first; queries are counted for the popular-searches
report with nothing about who searched."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

pytestmark = pytest.mark.django_db


def results(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [
        (
            item.select_one(".app-search-result__title a").get_text(strip=True),
            bool(item.select_one(".govuk-tag")),
        )
        for item in html.select(".app-search-result")
    ]


def promote(query_string, page=None, **fields):
    return SearchPromotion.objects.create(query=Query.get(query_string), page=page, **fields)


def test_promoted_page_comes_first_and_is_not_repeated(client, add_page):
    add_page("Helpline numbers", body_text="Call the helpline.")
    add_page("Helpline opening hours")
    support = add_page("Getting support", summary="Where to find support.", body_text="Every helpline.")
    promote("helpline", page=support, description="All the support services in one place.")

    response = client.get("/search/?q=Helpline")

    found = results(response)
    assert found[0] == ("Getting support", True)
    assert sorted(found[1:]) == [("Helpline numbers", False), ("Helpline opening hours", False)]
    assert "All the support services in one place." in response.content.decode()
    assert "3 results for" in response.content.decode()


def test_promotion_also_comes_first_when_the_page_matches_anyway(client, add_page):
    add_page("Section 17 in brief")
    duty = add_page("Section 17 duty")
    promote("section 17", page=duty)

    assert results(client.get("/search/?q=section+17")) == [
        ("Section 17 duty", True),
        ("Section 17 in brief", False),
    ]


def test_unpublished_or_expired_promoted_pages_are_left_out(client, add_page):
    add_page("Prevent guidance")
    draft = add_page("Prevent draft")
    draft.unpublish()
    expired = add_page("Prevent expired", expire_at=timezone.now() - datetime.timedelta(hours=1))
    promote("prevent", page=draft)
    promote("prevent", page=expired)

    assert results(client.get("/search/?q=prevent")) == [("Prevent guidance", False)]


def test_external_link_promotion_is_shown(client, add_page):
    add_page("Reporting a crime")
    promote(
        "report a crime",
        external_link_url="https://www.police.uk/",
        external_link_text="Report a crime to the police",
    )

    response = client.get("/search/?q=report+a+crime")

    first = BeautifulSoup(response.content, "html.parser").select_one(".app-search-result a")
    assert (first.get_text(strip=True), first["href"]) == (
        "Report a crime to the police",
        "https://www.police.uk/",
    )


def test_each_search_is_counted_once_under_its_plain_words(client, add_page):
    add_page("Cookies")
    for _ in range(2):
        client.get("/search/?q=  COOKIES!! ")
    client.get("/search/?q=cookies&page=1")
    client.get("/search/?q=cookies&section=other")

    query = Query.objects.get(query_string="cookies")
    assert query.hits == 3
    assert [field.name for field in QueryDailyHits._meta.get_fields()] == ["id", "query", "date", "hits"]


def test_blank_and_symbol_only_searches_are_not_counted(client, home_page):
    client.get("/search/?q=")
    client.get("/search/?q=%26%26%21")

    assert not Query.objects.exists()


def test_popular_searches_report_lists_counted_queries(admin_client, add_page):
    add_page("Privacy notice")
    admin_client.get("/search/?q=privacy")

    response = admin_client.get("/admin/searchpicks/reports/search-terms/")

    assert response.status_code == 200
    assert "privacy" in response.content.decode()


def test_editor_adds_a_promotion_in_the_admin(admin_client, add_page):
    page = add_page("Domestic abuse support")
    data = {
        "query_string": "refuge",
        "editors_picks-TOTAL_FORMS": "1",
        "editors_picks-INITIAL_FORMS": "0",
        "editors_picks-MIN_NUM_FORMS": "0",
        "editors_picks-MAX_NUM_FORMS": "1000",
        "editors_picks-0-page": str(page.pk),
        "editors_picks-0-external_link_url": "",
        "editors_picks-0-external_link_text": "",
        "editors_picks-0-description": "Safe places to stay.",
        "editors_picks-0-ORDER": "0",
    }

    response = admin_client.post("/admin/searchpicks/add/", data)

    assert response.status_code == 302, response.content[:3000]
    assert results(admin_client.get("/search/?q=refuge"))[0] == ("Domestic abuse support", True)


def test_a_failure_to_count_the_query_still_shows_the_results(client, add_page, monkeypatch, caplog):
    add_page("Cookies")

    # A real database error, part-way through: the query is added, then the daily-hits
    # table is missing. On PostgreSQL this would abort the request's transaction unless
    # the logging runs in a savepoint of its own.
    monkeypatch.setattr(QueryDailyHits._meta, "db_table", "no_such_table")
    response = client.get("/search/?q=cookies")

    assert response.status_code == 200
    assert results(response) == [("Cookies", False)]
    assert "Could not record a search query" in caplog.text

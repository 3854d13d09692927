"""The results page: what a reader sees for a search, filters, pages and no results.

Runs on SQLite by default and on PostgreSQL with DATABASE_URL set."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from search.results import RESULTS_PER_PAGE
from tests.helpers import get_with_query_count

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def result_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".app-search-result__title a")]


def test_review_is_found_by_its_pseudonym_with_section_summary_and_date(client, sections, add_page):
    add_page(
        "Domestic homicide review: 'Lesley'",
        parent=sections["reviews"],
        summary="The review into the death of Lesley, published with its action plan.",
    )
    add_page("Contact the partnership", parent=sections["contact"])

    response = client.get("/search/?q=lesley")

    assert response.status_code == 200
    html = soup(response)
    assert result_titles(response) == ["Domestic homicide review: 'Lesley'"]
    result = html.select_one(".app-search-result")
    assert result.select_one("a")["href"] == "/domestic-homicide-reviews/domestic-homicide-review-lesley/"
    assert "Domestic homicide reviews" in result.select_one(".app-search-result__meta").get_text()
    assert result.select_one(".app-search-result__summary mark").get_text() == "Lesley"
    assert result.select_one("time").get_text() == timezone.localdate().strftime("%-d %B %Y")
    assert "1 result for ‘lesley’" in html.select_one(".app-search-count").get_text()


def test_summary_is_escaped_before_terms_are_marked(client, add_page):
    add_page("Safety advice", summary='Stay <script>alert("x")</script> safe & well.')

    response = client.get("/search/?q=safe")

    summary = soup(response).select_one(".app-search-result__summary")
    assert summary.find("script") is None
    assert (
        summary.decode_contents()
        == 'Stay &lt;script&gt;alert("x")&lt;/script&gt; <mark>safe</mark> &amp; well.'
    )


def test_title_matches_rank_above_body_matches(client, add_page):
    add_page("Neighbourhood notes", body_text="A note about the kestrel project.")
    add_page("Kestrel project")

    assert result_titles(client.get("/search/?q=kestrel")) == ["Kestrel project", "Neighbourhood notes"]


def test_summary_matches_rank_above_body_matches(client, add_page):
    add_page("First page", body_text="The heron scheme in the body, with plenty of other words around it.")
    add_page("Second page", summary="About the heron scheme.")

    assert result_titles(client.get("/search/?q=heron")) == ["Second page", "First page"]


def test_unpublished_expired_and_private_pages_are_never_found(client, add_page, home_page):
    add_page("Osprey open page")
    draft = add_page("Osprey draft page")
    draft.unpublish()
    add_page("Osprey expired page", expire_at=timezone.now() - datetime.timedelta(minutes=1))
    private = add_page("Osprey private page")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert result_titles(client.get("/search/?q=osprey")) == ["Osprey open page"]


def test_pages_under_a_private_section_are_never_found_or_counted(client, add_page, home_page):
    """A restriction covers the pages under its page too, however deep; neighbouring
    sections stay searchable (``core.visibility.UnderAny``)."""
    open_section = add_page("Grebe open section")
    private = add_page("Grebe private section")
    child = add_page("Grebe private child", parent=private)
    add_page("Grebe private grandchild", parent=child)
    add_page("Grebe open child", parent=open_section)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/search/?q=grebe")
    assert sorted(result_titles(response)) == ["Grebe open child", "Grebe open section"]
    assert response.context["search"].total == 2


def test_page_drops_out_when_it_expires_before_the_scheduler_runs(client, add_page):
    expires = timezone.now() + datetime.timedelta(days=2)
    page = add_page("Plover review", expire_at=expires)

    assert result_titles(client.get("/search/?q=plover")) == ["Plover review"]
    with time_machine.travel(expires + datetime.timedelta(seconds=1)):
        page.refresh_from_db()
        assert page.live  # publish_scheduled has not run
        assert result_titles(client.get("/search/?q=plover")) == []


def test_a_sections_visibility_rule_is_honoured_by_search(client, add_page):
    from django.db.models import Q
    from wagtail import hooks

    add_page("Curlew one")
    add_page("Curlew two", slug="withdrawn-by-rule")
    with hooks.register_temporarily("register_visibility_filter", lambda at: ~Q(slug="withdrawn-by-rule")):
        assert result_titles(client.get("/search/?q=curlew")) == ["Curlew one"]
    assert sorted(result_titles(client.get("/search/?q=curlew"))) == ["Curlew one", "Curlew two"]


def test_filter_by_section_with_counts(client, sections, add_page):
    add_page("Prevent and review one", parent=sections["reviews"])
    add_page("Prevent duty", parent=sections["duties"])
    add_page("Prevent strand of CONTEST", parent=sections["workstreams"])
    add_page("Prevent: contact the team", parent=sections["contact"])

    response = client.get("/search/?q=prevent")
    filters = {a.get_text(" ", strip=True): a["href"] for a in soup(response).select(".app-search-filter a")}
    assert filters == {
        "All sections (4 results)": "?q=prevent",
        "Domestic homicide reviews (1 result)": "?q=prevent&section=reviews",
        "Statutory duties and workstreams (2 results)": "?q=prevent&section=duties",
        "Other pages (1 result)": "?q=prevent&section=other",
    }

    duties = client.get("/search/?q=prevent&section=duties")
    assert sorted(result_titles(duties)) == ["Prevent duty", "Prevent strand of CONTEST"]
    current = soup(duties).select_one(".app-search-filter a[aria-current=page]")
    assert current.get_text(" ", strip=True) == "Statutory duties and workstreams (2 results)"
    assert "2 results for ‘prevent’ in Statutory duties and workstreams" in duties.content.decode()

    assert result_titles(client.get("/search/?q=prevent&section=other")) == ["Prevent: contact the team"]
    assert len(result_titles(client.get("/search/?q=prevent&section=nonsense"))) == 4


def test_results_are_paginated_with_govuk_pagination(client, add_page):
    for n in range(RESULTS_PER_PAGE * 2 + 5):
        add_page(f"Lapwing notice {n}")

    first = client.get("/search/?q=lapwing")
    assert len(result_titles(first)) == RESULTS_PER_PAGE
    nav = soup(first).select_one("nav.govuk-pagination")
    assert [a["href"] for a in nav.select(".govuk-pagination__list a")] == [
        "?q=lapwing",
        "?q=lapwing&page=2",
        "?q=lapwing&page=3",
    ]
    assert nav.select_one(".govuk-pagination__item--current a")["aria-current"] == "page"
    assert nav.select_one(".govuk-pagination__next a")["href"] == "?q=lapwing&page=2"

    last = client.get("/search/?q=lapwing&page=3")
    assert len(result_titles(last)) == 5
    assert soup(last).select_one(".govuk-pagination__prev a")["href"] == "?q=lapwing&page=2"
    assert "(page 3 of 3)" in soup(last).title.get_text()

    assert set(result_titles(first)).isdisjoint(result_titles(last))
    assert client.get("/search/?q=lapwing&page=4").status_code == 404


def test_pages_list_title_and_summary_matches_then_body_matches_once_each(client, add_page):
    for n in range(7):
        add_page(f"Whimbrel notice {n}")
    for n in range(5):
        add_page(f"Summary page {n}", summary="About the whimbrel count.")
    for n in range(13):
        add_page(f"Body page {n}", body_text="A note on the whimbrel.")

    pages = [result_titles(client.get(f"/search/?q=whimbrel&page={n}")) for n in (1, 2, 3)]

    assert [len(titles) for titles in pages] == [10, 10, 5]
    listed = [title for titles in pages for title in titles]
    assert len(set(listed)) == 25
    assert {title.split()[0] for title in listed[:7]} == {"Whimbrel"}
    assert {title.split()[0] for title in listed[7:12]} == {"Summary"}
    assert {title.split()[0] for title in listed[12:]} == {"Body"}


def test_query_count_does_not_grow_with_results(client, add_page):
    for n in range(3):
        add_page(f"Avocet few {n}")
    for n in range(30):
        add_page(f"Godwit many {n}")
    # The first request stores the site settings (which empties the page cache, and the
    # synonyms kept there); the second finds everything cached.
    client.get("/search/?q=warm+up")
    client.get("/search/?q=warm+up+again")

    _, few = get_with_query_count(client, "/search/?q=avocet")
    _, many = get_with_query_count(client, "/search/?q=godwit")

    assert few == many
    # Page chrome, sections, promotions, counts, one page type, the query log (first
    # time: inserts) and, on PostgreSQL, the planner settings for the search.
    assert many <= 30


def test_no_results_page_gives_suggestions_helplines_and_sections(client, sections):
    response = client.get("/search/?q=zanzibar+quokka")

    assert response.status_code == 200
    html = soup(response)
    heading = html.select_one(".app-search-no-results h2")
    assert heading.get_text() == "There are no matching results for ‘zanzibar quokka’"
    assert html.select_one(".app-search-no-results .govuk-list--bullet")
    assert html.select_one(".app-helplines")
    browse = [
        a.get_text()
        for a in html.select(
            ".app-search-no-results .govuk-list:not(.govuk-list--bullet):not(.app-helplines__list) a"
        )
    ]
    assert browse == ["Domestic homicide reviews", "Statutory duties", "Workstreams", "Contact us"]


def test_helplines_show_on_abuse_searches_but_not_others(client, add_page):
    add_page("Domestic abuse support", summary="Where to get help with domestic abuse.")
    add_page("Privacy notice", summary="How we use personal data.")

    assert soup(client.get("/search/?q=domestic+abuse")).select_one(".app-helplines")
    assert soup(client.get("/search/?q=privacy")).select_one(".app-helplines") is None


def test_a_query_of_symbols_only_gets_the_no_results_page(client, home_page):
    response = client.get("/search/", {"q": "&|!()*:"})

    assert response.status_code == 200
    assert "symbols are left out of searches" in response.content.decode()


def test_when_no_page_has_every_word_pages_with_any_word_are_shown(client, add_page):
    add_page("Dunlin survey")

    response = client.get("/search/?q=dunlin+platypus")

    assert result_titles(response) == ["Dunlin survey"]
    assert "No page contains all of your words" in soup(response).select_one(".govuk-inset-text").get_text()


def test_empty_search_shows_just_the_form(client, home_page):
    response = client.get("/search/")

    html = soup(response)
    assert html.select_one("form[role=search] #search-q")
    assert html.select_one(".app-search-count") is None
    assert html.select_one(".app-helplines") is None
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"

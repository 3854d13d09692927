"""Every duties page renders within its SQL budget, whatever the amount of content."""

import pytest

from duties.models import Lead, StrategyDocument, WorkstreamPage, WorkstreamRelatedPage
from tests.helpers import get_with_query_count

pytestmark = pytest.mark.django_db

BUDGET = 12
DEMO_URLS = [
    "/statutory-duties/",
    "/statutory-duties/section-17/",
    "/workstreams/",
    "/workstreams/?lead=uk",
    "/workstreams/contest/",
    "/workstreams/serious-and-organised-crime/",
    "/workstreams/integrated-offender-management/",
    "/workstreams/community-cohesion/",
]


@pytest.mark.parametrize("url", DEMO_URLS)
def test_demo_pages_render_within_budget(demo_site, client, url):
    response, queries = get_with_query_count(client, url)

    assert response.status_code == 200
    assert queries <= BUDGET, f"{url} took {queries} queries"


def test_workstream_queries_do_not_grow_with_strategies_or_links(demo_site, client):
    url = "/workstreams/serious-and-organised-crime/"
    _, before = get_with_query_count(client, url)

    page = WorkstreamPage.objects.get(slug="serious-and-organised-crime")
    others = list(WorkstreamPage.objects.exclude(pk=page.pk))
    for year in range(2000, 2010):
        page.strategy_documents.add(
            StrategyDocument(
                title=f"Plan {year}", publisher="Home Office", year=year, link="https://example.org/"
            )
        )
    for other in others * 3:
        page.related_pages.add(WorkstreamRelatedPage(related_page=other))
    page.save_revision().publish()

    response, after = get_with_query_count(client, url)
    assert b"Plan 2009" in response.content
    assert after == before


def test_listing_queries_do_not_grow_with_workstreams(demo_site, client):
    _, before = get_with_query_count(client, "/workstreams/")
    index = WorkstreamPage.objects.first().get_parent()
    for number in range(15):
        index.add_child(
            instance=WorkstreamPage(
                title=f"Extra {number}",
                slug=f"extra-{number}",
                summary="More.",
                lead=Lead.LOCAL,
                body=[("paragraph", "<p>x</p>")],
                local_delivery="<p>y</p>",
            )
        )

    response, after = get_with_query_count(client, "/workstreams/")
    assert b"Extra 14" in response.content
    assert after == before

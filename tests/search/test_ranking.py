"""Ranking besides text match (search.ranking): a landing page wins a tie with a deeper
page, and on PostgreSQL pages matching only in their body are ranked by it when there
are few of them (search/backends/postgres.py), newest first when there are many."""

import pytest
from django.db import connection

from tests.search.test_synonyms import result_paths

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's second tier")


def test_a_landing_page_wins_a_tie_with_a_deeper_page(client, add_page):
    landing = add_page("Lantern safety", slug="lanterns", summary="Lanterns and how to keep them safe.")
    # The same words, one level down and newer: it would come first on a tie.
    deeper = add_page(
        "Lantern safety", parent=landing, slug="again", summary="Lanterns and how to keep them safe."
    )

    found = result_paths(client.get("/search/", {"q": "lantern safety"}))

    assert found.index(landing.url) < found.index(deeper.url)


@on_postgres
def test_body_only_matches_are_ranked_by_their_body_when_few(client, add_page, monkeypatch):
    # Neither title nor summary says "beacon"; the older page says it far more.
    often = add_page("Older page", body_text="Beacon. " * 20 + "The beacon is lit every night.")
    once = add_page("Newer page", body_text="Town centre news. " * 20 + "Also a beacon.")

    assert result_paths(client.get("/search/", {"q": "beacon"}))[:2] == [often.url, once.url]

    # Past the limit, body-only matches are listed newest first, their vectors unread.
    monkeypatch.setattr("search.backends.postgres.BODY_RANKED_UP_TO", 1)
    assert result_paths(client.get("/search/", {"q": "beacon"}))[:2] == [once.url, often.url]


@on_postgres
def test_without_a_count_the_backend_counts_body_only_matches_itself(add_page, monkeypatch):
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    often = add_page("Older page", body_text="Beacon. " * 20 + "The beacon is lit every night.")
    once = add_page("Newer page", body_text="Town centre news. " * 20 + "Also a beacon.")

    def found():
        return [page.pk for page in get_search_backend().search("beacon", Page.objects.live())[:2]]

    assert found() == [often.pk, once.pk]
    monkeypatch.setattr("search.backends.postgres.BODY_RANKED_UP_TO", 1)
    assert found() == [once.pk, often.pk]

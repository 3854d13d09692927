"""“Did you mean …?”: only words a reader can find."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from search.spelling import closest_word, edit_distance
from tests.dhr.builders import make_index, make_review
from tests.search.conftest import documents_body, make_document

pytestmark = pytest.mark.django_db


def suggestion(client, query, prefix=""):
    return client.get(f"{prefix}/search/", {"q": query}).context.get("suggestion")


def test_a_misspelling_offers_a_link_that_finds_the_reviews(demo_site, client):
    response = client.get("/search/", {"q": "homocide"})
    html = response.content.decode()
    assert 'Did you mean <a class="govuk-link" href="?q=homicide">homicide</a>?' in html

    followed = client.get("/search/?q=homicide")
    assert followed.context["results"][0].url.endswith("/domestic-homicide-reviews/")


def test_words_of_unpublished_pages_and_documents_are_never_suggested(client, add_page, home_page):
    add_page("Quokka sightings", summary="Where quokkas were seen.")
    hidden = add_page("Wombat burrows", summary="Where wombats dig.")
    hidden.unpublish()
    document = make_document("Numbat notes", "Numbats eat termites.")
    add_page("Marsupials", summary="Animals with pouches.", body=documents_body(document))

    assert suggestion(client, "quokkaa")["query"] == "quokka"
    assert suggestion(client, "wombatt") is None
    assert suggestion(client, "numbatt") is None


def test_a_word_only_in_a_review_that_has_come_down_is_not_suggested(client, home_page, site_settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        index = make_index(home_page)
        review = make_review(index, "Perpetua")
        assert suggestion(client, "perpetuaa")["query"] == "perpetua"
    assert review.expire_at is not None
    with time_machine.travel(review.expire_at + datetime.timedelta(days=1), tick=False):
        assert suggestion(client, "perpetuaa") is None


def test_closest_word_prefers_fewest_edits_then_the_commonest():
    words = {"homicide": 5, "homicides": 1, "humid": 9}
    assert closest_word("homocide", words) == "homicide"
    assert closest_word("homicdie", words) == "homicide"  # two letters swapped: one edit
    assert closest_word("zebra", words) is None
    assert edit_distance("abuse", "abuse", 1) == 0


def test_help_seeking_words_are_not_corrected(client, add_page):
    add_page("Shared services", summary="What is shared.")
    assert suggestion(client, "scared") is None

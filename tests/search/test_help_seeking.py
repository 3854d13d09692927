"""Searches by someone who may need help show the helplines before anything else."""

import pytest
from django.core.management import call_command

from search.query import suggests_helplines
from tests.search.relevance import helplines_come_first

pytestmark = pytest.mark.django_db


def test_i_need_help_shows_the_helplines_before_the_results(demo_site, client):
    response = client.get("/search/", {"q": "i need help"})
    html = response.content.decode()
    assert response.context["results"]  # pages match too
    assert helplines_come_first(html)
    assert "0808 2000 247" in html


# Committed for real: wagtail-localize publishes the Welsh pages when their transaction
# commits (as in tests/test_welsh_demo.py).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_welsh_help_seeking_search_shows_the_helplines_first(client):
    call_command("load_demo_content", nation="wales", verbosity=0)
    response = client.get("/cy/search/", {"q": "mae arna i ofn"})
    assert response.status_code == 200
    paths = [result.url for result in response.context["results"]]
    assert paths and all("/cy/" in path for path in paths)  # Welsh pages match too
    assert helplines_come_first(response.content.decode())


def test_an_ordinary_search_shows_no_helplines(demo_site, client):
    response = client.get("/search/", {"q": "cookies"})
    assert 'id="helplines-heading"' not in response.content.decode()


@pytest.mark.parametrize(
    "words",
    [
        ["help"],
        ["scared"],
        ["unsafe"],
        ["hurt"],
        ["leave"],
        ["escape"],
        ["refuge"],
        ["cymorth"],
        ["gymorth"],
        ["perygl"],
        ["ofn"],
        ["dianc"],
        ["lloches"],
    ],
)
def test_help_seeking_words_in_english_and_welsh(words):
    assert suggests_helplines(words)

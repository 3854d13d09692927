"""Synonyms and abbreviations: the seeded list, editors' own, and sections' vocabulary."""

from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group

from search.models import SearchSynonym
from search.sections import section_from
from search.synonyms import expand, search_query

pytestmark = pytest.mark.django_db


def result_paths(response):
    return [urlsplit(result.url).path for result in response.context["results"]]


def test_each_abbreviation_finds_the_page_that_spells_it_out_first(demo_site, client):
    expected = {
        "DHR": ("/domestic-homicide-reviews/",),
        "CSP": ("/",),
        "ASB": ("/", "/statutory-duties/section-17/"),
        "SUSR": ("/domestic-homicide-reviews/",),
        "IOM": ("/workstreams/integrated-offender-management/",),
        "SOC": ("/workstreams/serious-and-organised-crime/",),
    }
    # ASB is spelt out on both the home page and Section 17.
    for query, paths in expected.items():
        found = result_paths(client.get("/search/", {"q": query}))
        assert found and found[0] in paths, (query, found)


def test_domestic_violence_finds_the_pages_that_say_domestic_abuse(demo_site, client):
    violence = set(result_paths(client.get("/search/", {"q": "domestic violence"})))
    abuse = set(result_paths(client.get("/search/", {"q": "domestic abuse"})))
    assert len(violence) > 2
    assert violence == abuse


def login(client, django_user_model, group_name):
    user = django_user_model.objects.create_user(f"{group_name.lower()}-1", f"{group_name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)


ADD_URL = "/admin/snippets/search/searchsynonym/add/"


def test_a_moderator_adds_a_synonym_and_the_next_search_uses_it(client, add_page, django_user_model):
    add_page("Ferret welfare", summary="Looking after ferrets in Millbrook.")
    assert client.get("/search/", {"q": "polecat"}).context["results"] == []

    login(client, django_user_model, "Moderators")
    response = client.post(ADD_URL, {"term": "polecat", "equivalents": "ferret\nferrets"})
    assert response.status_code == 302, response.content[:2000]
    client.logout()

    # No re-indexing: the same index, a new synonym.
    results = client.get("/search/", {"q": "polecat"}).context["results"]
    assert [result.title for result in results] == ["Ferret welfare"]


def test_an_editor_cannot_change_synonyms(client, django_user_model):
    login(client, django_user_model, "Editors")
    response = client.post(ADD_URL, {"term": "polecat", "equivalents": "ferret"})
    assert response.status_code in (302, 403)
    assert not SearchSynonym.objects.filter(term="polecat").exists()


def test_a_synonym_without_equivalents_is_refused_with_a_message(client, django_user_model):
    login(client, django_user_model, "Moderators")
    response = client.post(ADD_URL, {"term": "polecat", "equivalents": " !! \n"})
    assert response.status_code == 200
    assert "Enter at least one word or phrase, one a line." in response.content.decode()
    assert not SearchSynonym.objects.filter(term="polecat").exists()


def test_the_seeded_list_is_there_for_a_fresh_site():
    terms = set(SearchSynonym.objects.values_list("term", flat=True))
    assert {"DHR", "DARDR", "SUSR", "CSP", "ASB", "SOC", "IOM", "MARAC", "IDVA", "DASH", "Prevent"} <= terms
    welsh = SearchSynonym.objects.get(term="domestic violence").equivalent_lines()
    assert "domestic abuse" in welsh and "cam-drin domestig" in welsh


def test_phrases_are_matched_longest_first_and_plurals_find_the_abbreviation():
    groups = [
        (("dhr",), ("domestic", "homicide", "review")),
        (("domestic", "violence"), ("domestic", "abuse")),
    ]
    assert expand(["domestic", "violence", "support"], groups) == [
        (("domestic", "violence"), ("domestic", "abuse")),
        (("support",),),
    ]
    assert expand(["dhrs"], groups) == [(("dhr",), ("domestic", "homicide", "review"))]
    assert expand(["domestic", "homicide", "review"], groups)[0][1] == ("dhr",)


def test_the_query_needs_every_slot_and_any_phrase_of_one():
    slots = [(("dhr",), ("domestic", "homicide", "review")), (("report",),)]
    query = search_query(slots)
    assert type(query).__name__ == "And"
    first, second = query.subqueries
    assert type(first).__name__ == "Or"
    assert [part.query_string for part in first.subqueries] == ["dhr", "domestic homicide review"]
    assert second.query_string == "report"
    assert type(search_query(slots, any_word=True)).__name__ == "Or"


def test_a_section_may_add_its_own_vocabulary():
    app = SimpleNamespace(
        name="birds",
        label="birds",
        search_section={"key": "birds", "label": "Birds", "synonyms": [("RSPB", "royal society birds")]},
    )
    section = section_from(app)
    assert section.synonyms == ((("rspb",), ("royal", "society", "birds")),)
    assert expand(["rspb"], list(section.synonyms)) == [(("rspb",), ("royal", "society", "birds"))]

"""The search index follows publishing without a manual step, and `update_index` rebuilds
it. Nothing private is ever indexed."""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.models import IndexEntry

from core.models import BasePage

pytestmark = pytest.mark.django_db

# Field names that must never reach the index, whatever page type declares them.
PRIVATE_FIELD_WORDS = ("checklist", "private", "note", "password")


def titles(client, query):
    html = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
    return [a.get_text(strip=True) for a in html.select(".app-search-result__title a")]


def test_publish_edit_and_unpublish_update_search_at_once(client, add_page):
    page = add_page("Bittern survey")
    assert titles(client, "bittern") == ["Bittern survey"]

    page.title = "Egret survey"
    page.save_revision().publish()
    assert titles(client, "egret") == ["Egret survey"]
    assert titles(client, "bittern") == []

    page.unpublish()
    assert titles(client, "egret") == []

    page.save_revision().publish()
    assert titles(client, "egret") == ["Egret survey"]


def test_unsaved_draft_changes_are_not_searchable(client, add_page):
    page = add_page("Sandpiper guidance")

    page.title = "Turnstone guidance"
    page.save_revision()

    assert titles(client, "turnstone") == []
    assert titles(client, "sandpiper") == ["Sandpiper guidance"]


def test_update_index_rebuilds_a_lost_index(client, add_page):
    add_page("Redshank report")
    IndexEntry.objects.all().delete()
    assert titles(client, "redshank") == []

    call_command("update_index", verbosity=0)

    assert titles(client, "redshank") == ["Redshank report"]


def searchable_fields(model):
    return {field.field_name for field in model.get_search_fields() if isinstance(field, index.SearchField)}


PAGE_MODELS = [model for model in apps.get_models() if issubclass(model, Page) and model is not Page]
SITE_PAGE_MODELS = [model for model in PAGE_MODELS if issubclass(model, BasePage)]


def label(model):
    return model._meta.label


@pytest.mark.parametrize("model", SITE_PAGE_MODELS, ids=label)
def test_site_page_types_index_title_summary_and_document_text(model):
    assert {"title", "summary", "search_document_text"} <= searchable_fields(model)


@pytest.mark.parametrize("model", PAGE_MODELS, ids=label)
def test_no_page_type_indexes_private_fields(model):
    assert not [
        name for name in searchable_fields(model) if any(word in name for word in PRIVATE_FIELD_WORDS)
    ]

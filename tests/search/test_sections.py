"""Sections declare themselves to search (``search_section`` on their AppConfig); search
reads them from the installed apps and names none itself."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from search.query import suggests_helplines
from search.sections import OTHER, all_sections, section_by_key, sections


@pytest.fixture
def declared(monkeypatch):
    """Install extra app configs (objects with a ``search_section``) for one test."""

    def install(*extra):
        installed = list(apps.get_app_configs())
        monkeypatch.setattr(apps, "get_app_configs", lambda: [*installed, *extra])
        sections.cache_clear()

    yield install
    sections.cache_clear()


class FakeAppConfig:
    def __init__(self, label, search_section):
        self.name = self.label = label
        self.search_section = search_section


def test_the_section_apps_declare_the_reviews_duties_and_publications_sections():
    assert [(section.key, str(section.label)) for section in all_sections()] == [
        ("reviews", "Domestic homicide reviews"),
        ("duties", "Statutory duties and workstreams"),
        ("publications", "Publications"),
        ("other", "Other pages"),
    ]
    reviews, duties, publications = sections()
    assert publications.app_labels == ("publications",) and publications.slugs == ("publications",)
    assert reviews.app_labels == ("dhr",) and reviews.slugs == ("domestic-homicide-reviews",)
    assert reviews.show_helplines and not duties.show_helplines
    assert duties.app_labels == ("duties",) and duties.slugs == ("statutory-duties", "workstreams")
    assert section_by_key("reviews") is reviews
    assert section_by_key("other") is OTHER
    assert section_by_key("nonsense") is None


def test_a_new_section_app_is_found_with_its_vocabulary(declared):
    assert not suggests_helplines(["newsletter"])

    declared(FakeAppConfig("news", {"key": "news", "label": "News", "helpline_stems": ("NEWSL",)}))

    news = section_by_key("news")
    assert news.label == "News" and news.app_labels == ("news",) and news.slugs == ()
    assert all_sections()[-2:] == (news, OTHER)
    assert suggests_helplines(["newsletter"])


def test_helplines_follow_the_sections_own_words(declared, monkeypatch):
    assert suggests_helplines(["dhr"]) and suggests_helplines(["homicide"])

    dhr = apps.get_app_config("dhr")
    monkeypatch.setattr(dhr, "search_section", {**dhr.search_section, "helpline_stems": ()})
    declared()

    assert not suggests_helplines(["dhr"]) and not suggests_helplines(["homicide"])
    assert suggests_helplines(["abuse"])  # site-wide words stay


@pytest.mark.parametrize(
    "search_section",
    [
        {"key": "news", "lable": "News"},  # a mistyped name
        {"label": "News"},
        {"key": "duties", "label": "A second duties section"},
        {"key": "other", "label": "Other pages"},
    ],
)
def test_a_wrong_declaration_fails_loudly(declared, search_section):
    declared(FakeAppConfig("news", search_section))

    with pytest.raises(ImproperlyConfigured):
        sections()


@pytest.mark.django_db
def test_the_no_results_page_shows_each_sections_note(client, home_page, declared, monkeypatch):
    note = "Reports of domestic homicide reviews stay online for a limited time."
    assert note in client.get("/search/?q=zzzz").content.decode()

    dhr = apps.get_app_config("dhr")
    monkeypatch.setattr(dhr, "search_section", {**dhr.search_section, "no_results_note": ""})
    declared(
        FakeAppConfig("news", {"key": "news", "label": "News", "no_results_note": "Older news is archived."})
    )

    html = client.get("/search/?q=zzzz").content.decode()
    assert note not in html
    assert "Older news is archived." in html

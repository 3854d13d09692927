"""Publications tagged with learning themes are listed on each theme's page while a reader
may see them and nothing visible has superseded them; the theme's page stays within its
query budget whatever the number of publications."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from publications.models import PublicationPage
from tests.learning import make_theme, make_theme_index
from tests.publications.builders import make_publication
from themes.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme_page(home_page):
    return make_theme_index(home_page)


@pytest.fixture
def curiosity():
    return make_theme("Professional curiosity")


def tag(publication, *themes):
    publication.themes = list(themes)
    publication.save_revision().publish()
    return PublicationPage.objects.get(pk=publication.pk)


def theme_html(client, theme_page, theme):
    response = client.get(f"{theme_page.url}{theme.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_tagged_briefing_is_listed_on_its_themes_page_only(client, index, theme_page, curiosity):
    other = make_theme("Economic abuse")
    tag(make_publication(index, "Asking the second question", kind="briefing"), curiosity)
    make_publication(index, "Annual report 2025", kind="annual_report")

    html = theme_html(client, theme_page, curiosity)
    assert "Briefings and other publications" in html
    assert "Asking the second question" in html
    assert "Annual report 2025" not in html
    assert "Asking the second question" not in theme_html(client, theme_page, other)


def test_a_superseded_publication_leaves_the_theme_page_once_its_successor_is_live(
    client, index, theme_page, curiosity
):
    newer = make_publication(index, "Briefing 2026", kind="briefing", publish=False)
    older = tag(make_publication(index, "Briefing 2024", kind="briefing", superseded_by=newer), curiosity)
    assert "Briefing 2024" in theme_html(client, theme_page, curiosity), "its successor is not live yet"

    newer.save_revision().publish()
    assert older.superseded_by_id == newer.pk
    assert "Briefing 2024" not in theme_html(client, theme_page, curiosity)


def test_unpublished_and_expired_publications_are_not_listed(client, index, theme_page, curiosity):
    draft = make_publication(index, "Draft briefing", kind="briefing", publish=False)
    draft.themes = [curiosity]
    draft.save_revision()
    soon = timezone.now() + datetime.timedelta(days=1)
    tag(make_publication(index, "Briefing online until tomorrow", kind="briefing", expire_at=soon), curiosity)

    html = theme_html(client, theme_page, curiosity)
    assert "Draft briefing" not in html
    assert "Briefing online until tomorrow" in html

    with time_machine.travel(soon + datetime.timedelta(minutes=1), tick=False):
        assert "Briefing online until tomorrow" not in theme_html(client, theme_page, curiosity)
        call_command("publish_scheduled")
        assert "Briefing online until tomorrow" not in theme_html(client, theme_page, curiosity)


def test_a_theme_a_publication_uses_is_in_use(index, curiosity):
    tag(make_publication(index, "Asking the second question", kind="briefing"), curiosity)
    assert Theme.objects.get(pk=curiosity.pk).uses()


def test_the_editor_is_offered_only_the_publications_language_themes(client, login, index, curiosity):
    from wagtail.models import Locale

    welsh = Locale.objects.create(language_code="cy")
    make_theme("Chwilfrydedd proffesiynol", locale=welsh, translation_key=curiosity.translation_key)
    login("Editors")
    publication = make_publication(index, "Asking the second question", kind="briefing")

    html = client.get(f"/admin/pages/{publication.pk}/edit/").content.decode()
    assert "Professional curiosity" in html
    assert "Chwilfrydedd proffesiynol" not in html


def test_the_theme_page_costs_the_same_queries_with_more_publications(client, index, theme_page, curiosity):
    def queries():
        client.get(f"{theme_page.url}{curiosity.slug}/")  # warm
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{theme_page.url}{curiosity.slug}/").status_code == 200
        return len(captured)

    tag(make_publication(index, "Briefing 1", kind="briefing"), curiosity)
    few = queries()
    for number in range(2, 8):
        tag(make_publication(index, f"Briefing {number}", kind="briefing"), curiosity)
    assert queries() == few
    assert few <= 15

"""The publications demo: a current partnership plan and the one it superseded, a
practitioner briefing tagged with themes, change
notes on a publication and a review, in both nations, and safe to load again."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from core.models import ChangeNote
from dhr.models import ReviewPage
from publications.models import PublicationDocument, PublicationIndexPage, PublicationPage

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "publications": sorted(
            PublicationPage.objects.values_list("pk", "slug", "live", "kind", "superseded_by__slug")
        ),
        "documents": sorted(
            PublicationDocument.objects.values_list("page__slug", "sort_order", "document_id")
        ),
        "notes": sorted(ChangeNote.objects.values_list("page_id", "note")),
    }


def test_loading_twice_gives_the_same_publications_and_notes(demo_site):
    first = snapshot()
    call_command("load_demo_content", verbosity=0)
    assert snapshot() == first
    assert len(first["publications"]) == 3


@pytest.mark.parametrize("nation", ["england", "wales"])
def test_the_demo_shows_a_current_plan_and_a_superseded_one(db, client, nation):
    call_command("load_demo_content", "--nation", nation, verbosity=0)
    index = PublicationIndexPage.objects.get(locale__language_code="en-gb")
    current = PublicationPage.objects.get(slug="partnership-plan-2025-2028")
    older = PublicationPage.objects.get(slug="partnership-plan-2022-2025")
    assert older.superseded_by_id == current.pk and current.superseded_by_id is None
    for page in (current, older):
        page.full_clean()

    listing = BeautifulSoup(client.get(index.url).content, "html.parser")
    titles = [" ".join(item.h3.get_text().split()) for item in listing.select(".app-listing__item")]
    briefing = PublicationPage.objects.get(slug="briefing-professional-curiosity")
    assert titles == [briefing.title, current.title, older.title]
    assert sorted(briefing.themes.values_list("slug", flat=True)) == [
        "coercive-control",
        "information-sharing",
        "professional-curiosity",
    ]
    theme_page = client.get("/learning-themes/professional-curiosity/").content.decode()
    assert briefing.title in theme_page
    older_page = BeautifulSoup(client.get(older.url).content, "html.parser")
    assert older_page.select_one(".app-superseded a")["href"] == current.url
    current_page = BeautifulSoup(client.get(current.url).content, "html.parser")
    assert current_page.select(".app-change-notes .govuk-summary-list__row")
    review = BeautifulSoup(
        client.get(ReviewPage.objects.get(slug="lesley", locale__language_code="en-gb").url).content,
        "html.parser",
    )
    assert len(review.select(".app-change-notes .govuk-summary-list__row")) == 3  # two notes, first published

"""The moment a review comes down is said one way on every admin surface and in the docs:
the end of its last day online (core/come_down.py), never "Expiry: 3 March, 12:00a.m."."""

import datetime
import re
from html import unescape
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone, translation

from core.come_down import comes_down
from tests.dhr.builders import make_review

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# Published on 3 March 2025 for the standard 12 months: online to the end of 2 March 2026,
# so expire_at is midnight (UK time) at the start of 3 March 2026.
WORDING = "Comes down at the end of 2 March 2026"
# Four weeks before: on the dashboard's "Reviews coming down soon".
NOW = datetime.datetime(2026, 2, 3, 12, tzinfo=datetime.UTC)


def text_of(response):
    """The words a person sees, tags dropped and spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def review(index):
    with time_machine.travel(datetime.datetime(2025, 3, 3, 9, tzinfo=datetime.UTC), tick=False):
        return make_review(index, "Lesley", publication_date=datetime.date(2025, 3, 3))


@pytest.fixture
def moderator(client, as_user):
    as_user("Moderators")
    return client


def test_the_wording_names_the_last_day_online():
    midnight = timezone.make_aware(datetime.datetime(2027, 12, 1))
    assert comes_down(midnight) == "Comes down at the end of 30 November 2027"
    # Another moment (a standard page's own expiry) keeps its day and time.
    assert comes_down(timezone.make_aware(datetime.datetime(2028, 3, 3, 14, 30))) == (
        "Comes down on 3 March 2028 at 14:30"
    )
    assert comes_down(None) == ""
    with translation.override("cy"):
        assert "30 Tachwedd 2027" in comes_down(midnight)


def test_edit_screen_and_its_status_panel_say_it_the_same_way(moderator, review):
    assert review.expire_at == timezone.make_aware(datetime.datetime(2026, 3, 3))
    with time_machine.travel(NOW, tick=False):
        text = text_of(moderator.get(f"/admin/pages/{review.pk}/edit/"))

    # The "When it comes down" note on the Content tab, and the status side panel.
    assert f"Published. {WORDING}." in text
    assert f"for 12 months after the publication date. {WORDING}." in text
    assert text.count(WORDING) >= 3
    assert "Expiry:" not in text
    assert "3 March 2026" not in text


def test_report_its_export_and_the_dashboard_say_it_the_same_way(moderator, review):
    with time_machine.travel(NOW, tick=False):
        report = text_of(moderator.get("/admin/reports/dhr-publication/"))
        export = moderator.get("/admin/reports/dhr-publication/?export=csv")
        dashboard = text_of(moderator.get("/admin/"))
    rows = b"".join(export.streaming_content).decode().splitlines()

    assert "When it comes down" in report and WORDING in report
    assert "When it comes down" in rows[0].split(",")
    lesley = next(row for row in rows if row.startswith("Lesley,"))
    assert WORDING in lesley
    assert "Reviews coming down soon" in dashboard and WORDING in dashboard
    for text in (report, lesley, dashboard):
        assert "3 March 2026" not in text


def test_the_docs_use_the_same_wording():
    example = comes_down(timezone.make_aware(datetime.datetime(2027, 12, 1)))
    for doc in ("docs/dhr-publishing.md", "docs/editors.md"):
        assert example in (ROOT / doc).read_text(), doc

"""Issue 18: public change notes on a review. An editor writes the note with the update and
submits it; once a moderator approves, readers see "Published …, last updated …" and the
dated note. A minor edit changes nothing readers see; a note is kept once, and is checked
for identifying details like every public field."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.test.utils.form_data import rich_text

from core.models import ChangeNote
from dhr.models import ReviewPage
from dhr.publication import ReviewCouldIdentifySomeone
from tests.dhr.admin_forms import review_form_data
from tests.dhr.builders import IDENTIFYING_DETAILS, make_review

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.datetime(2026, 1, 12, 10, 0, tzinfo=datetime.UTC)
SUBMITTED = datetime.datetime(2026, 2, 2, 9, 0, tzinfo=datetime.UTC)
APPROVED = datetime.datetime(2026, 2, 5, 14, 30, tzinfo=datetime.UTC)
MINOR_EDIT = datetime.datetime(2026, 3, 9, 11, 0, tzinfo=datetime.UTC)
NOTE = "Corrected the executive summary: the review panel met six times, not five."
CORRECTED = "<p>The review panel met six times.</p>"


@pytest.fixture
def review(index):
    with time_machine.travel(PUBLISHED, tick=False):
        return make_review(index, "Amira", publication_date=PUBLISHED.date())


def approve_url(review):
    state = ReviewPage.objects.get(pk=review.pk).current_workflow_state
    return f"/admin/pages/workflow/action/{review.pk}/approve/{state.current_task_state.pk}/"


def reader_view(client, review):
    client.logout()
    response = client.get(review.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def update_with_note(client, login, review, note=NOTE):
    """An Editor corrects the executive summary and submits it with ``note``; a Moderator approves."""
    with time_machine.travel(SUBMITTED, tick=False):
        login("Editors")
        response = client.post(
            f"/admin/pages/{review.pk}/edit/",
            {
                **review_form_data(review, executive_summary=rich_text(CORRECTED), public_change_note=note),
                "action-submit": "submit",
            },
        )
        assert response.status_code == 302
    with time_machine.travel(APPROVED, tick=False):
        login("Moderators")
        response = client.post(approve_url(review), {"comment": "Checked against the report."})
        assert response.status_code in (200, 302)
    return ReviewPage.objects.get(pk=review.pk)


def test_moderator_approves_an_update_with_its_change_note(client, login, review):
    with time_machine.travel(SUBMITTED, tick=False):
        login("Editors")
        client.post(
            f"/admin/pages/{review.pk}/edit/",
            {
                **review_form_data(review, executive_summary=rich_text(CORRECTED), public_change_note=NOTE),
                "action-submit": "submit",
            },
        )
    assert ReviewPage.objects.get(pk=review.pk).workflow_in_progress
    # Waiting for a moderator: readers see neither the correction nor the note.
    waiting = reader_view(client, review)
    assert NOTE not in waiting.get_text() and "six times" not in waiting.get_text()
    assert not waiting.select(".app-change-history")

    with time_machine.travel(APPROVED, tick=False):
        login("Moderators")
        client.post(approve_url(review), {"comment": ""})

    page = reader_view(client, review)
    assert "six times" in page.get_text()
    history = " ".join(page.select_one(".app-change-history").get_text().split())
    assert history == "Published 12 January 2026, last updated 5 February 2026 — see all updates"
    assert page.select_one(".app-change-history a")["href"] == "#updates"
    notes = page.select("#updates + .app-change-notes .govuk-summary-list__row")
    assert [" ".join(row.get_text().split()) for row in notes] == [
        f"5 February 2026 {NOTE}",
        "12 January 2026 First published.",
    ]
    assert "Last updated 5 February 2026" in " ".join(page.select_one(".app-page-meta").get_text().split())

    (kept,) = ChangeNote.objects.all()
    assert (kept.note, kept.published_at, kept.page_id) == (NOTE, APPROVED, review.pk)


def test_the_next_edit_starts_without_the_note_and_it_is_kept_once(client, login, review):
    review = update_with_note(client, login, review)
    assert review.public_change_note == ""
    assert review.get_latest_revision().content["public_change_note"] == ""
    login("Editors")
    form = client.get(f"/admin/pages/{review.pk}/edit/").context["form"]
    assert form["public_change_note"].value() == ""

    # The same revision published again (as a scheduled go-live or a retry would) adds nothing.
    review.live_revision.publish()
    assert ChangeNote.objects.count() == 1


def test_a_minor_edit_leaves_last_updated_alone(client, login, review):
    review = update_with_note(client, login, review)
    with time_machine.travel(MINOR_EDIT, tick=False):
        draft = review.get_latest_revision_as_object()
        draft.summary = draft.summary.replace("agencies", "services")
        draft.save_revision().publish()

    page = reader_view(client, review)
    assert "services missed chances" in page.get_text()
    assert "last updated 5 February 2026" in " ".join(
        page.select_one(".app-change-history").get_text().split()
    )
    assert "Last updated 5 February 2026" in " ".join(page.select_one(".app-page-meta").get_text().split())
    assert ChangeNote.objects.count() == 1


def test_a_review_without_notes_shows_no_update_history(client, review):
    with time_machine.travel(MINOR_EDIT, tick=False):
        draft = review.get_latest_revision_as_object()
        draft.summary = draft.summary + " Minor wording."
        draft.save_revision().publish()
    page = reader_view(client, review)
    assert not page.select(".app-change-history") and not page.select("#updates")
    # The footer gives the publication date, which a minor edit does not move.
    assert "Published 12 January 2026" in " ".join(page.select_one(".app-page-meta").get_text().split())


def test_a_scheduled_update_is_dated_when_it_goes_live(review):
    go_live = datetime.datetime(2026, 2, 20, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(SUBMITTED, tick=False):
        draft = review.get_latest_revision_as_object()
        draft.public_change_note = NOTE
        draft.go_live_at = go_live
        draft.save_revision().publish()
        # A draft saved while the update waits still carries the note.
        ReviewPage.objects.get(pk=review.pk).get_latest_revision_as_object().save_revision()
    assert not ChangeNote.objects.exists()

    with time_machine.travel(go_live + datetime.timedelta(minutes=3), tick=False):
        call_command("publish_scheduled", verbosity=0)
    (kept,) = ChangeNote.objects.all()
    assert kept.published_at == go_live + datetime.timedelta(minutes=3)

    # The later draft no longer carries it, so publishing it adds no second note.
    review = ReviewPage.objects.get(pk=review.pk)
    assert review.get_latest_revision().content["public_change_note"] == ""
    review.get_latest_revision().publish()
    assert ChangeNote.objects.count() == 1


def test_an_identifying_detail_in_a_change_note_is_refused(client, login, review):
    detail = IDENTIFYING_DETAILS.splitlines()[0]
    login("Moderators")
    response = client.post(
        f"/admin/pages/{review.pk}/edit/",
        review_form_data(
            review, public_change_note=f"Added what {detail} told the panel.", **{"action-publish": "publish"}
        ),
    )
    assert response.status_code == 200
    messages = " ".join(str(message) for message in response.context["messages"])
    assert "Identifying detail 1 is in this page: page field (public change note)." in messages
    assert detail not in messages
    assert not ChangeNote.objects.exists()

    # By any route: the revision itself cannot be published either.
    draft = ReviewPage.objects.get(pk=review.pk).get_latest_revision_as_object()
    draft.public_change_note = f"Added what {detail} told the panel."
    with pytest.raises(ReviewCouldIdentifySomeone):
        draft.save_revision().publish()
    assert not ChangeNote.objects.exists()


def test_a_note_already_published_is_checked_against_details_added_later(review, client, login):
    review = update_with_note(
        client, login, review, note="Added the view of the Millbrook Allotment Society."
    )
    draft = ReviewPage.objects.get(pk=review.pk).get_latest_revision_as_object()
    draft.identifying_details += "\nMillbrook Allotment Society"
    with pytest.raises(ReviewCouldIdentifySomeone) as refused:
        draft.save_revision().publish()
    assert "public change note published 5 February 2026" in str(refused.value)

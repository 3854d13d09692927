"""A review cannot go live without a Home Office approval date and a complete checklist,
whichever route tries to publish it; when it goes live its come-down date is set."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from dhr.forms import FIELD_ERRORS
from dhr.models import DHRSettings, ReviewPage
from dhr.publication import ReviewNotReadyToPublish, add_months
from dhr.visibility import has_come_down
from tests.dhr.builders import IDENTIFYING_DETAILS, NOT_READY, READY, make_index, make_review
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

MISSING_ALL = (
    "This review cannot be published until it has the Home Office approval date; confirmation "
    "that the family agreed the pseudonym; confirmation that the family were told the publication "
    "date; confirmation that the documents are anonymised; confirmation that Home Office approval "
    "was received; the identifying details to check for."
)


@pytest.fixture
def index(home_page):
    return make_index(home_page)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def edit_form_data(review, **overrides):
    data = {
        "pseudonym": review.pseudonym,
        "review_type": review.review_type,
        "summary": review.summary,
        "death_month": "",
        "death_year": "",
        "joint_review_with": "",
        "home_office_approval_date": "",
        "publication_date": "",
        "keep_online_until": "",
        "executive_summary": rich_text("Summary"),
        "key_findings": inline_formset([]),
        "recommendations": inline_formset([]),
        "documents": inline_formset([]),
        "private_notes": "",
        "slug": review.slug,
        "seo_title": "",
        "search_description": "",
        "last_reviewed": "2026-01-01",
        "next_review_due": "2027-01-01",
    }
    data.update(overrides)
    return nested_form_data(data)


def html_text(response):
    return response.content.decode().replace("&#x27;", "'")


def names_every_missing_item(response):
    """The edit screen refuses and names each requirement, once, on its field."""
    text = html_text(response)
    messages = " ".join(str(message) for message in response.context["messages"])
    return "This review cannot be published yet." in messages and all(
        messages.count(str(error)) == 1 and str(error) in text for error in FIELD_ERRORS.values()
    )


# Admin publish ------------------------------------------------------------------------


def test_admin_publish_is_refused_and_names_what_is_missing(admin_client, index):
    review = make_review(index, "Lesley", publish=False, **NOT_READY)
    response = admin_client.post(
        f"/admin/pages/{review.pk}/edit/", edit_form_data(review, **{"action-publish": "publish"})
    )
    assert response.status_code == 200
    assert names_every_missing_item(response)
    assert not ReviewPage.objects.get(pk=review.pk).live


def test_admin_publish_names_only_the_missing_item(admin_client, index):
    review = make_review(index, "Lesley", publish=False, **NOT_READY)
    data = edit_form_data(
        review,
        home_office_approval_date="2024-01-10",
        checklist_pseudonym_agreed="on",
        checklist_family_told="on",
        checklist_home_office_approved="on",
        **{"action-publish": "publish"},
    )
    response = admin_client.post(f"/admin/pages/{review.pk}/edit/", data)
    text = html_text(response)
    assert str(FIELD_ERRORS["checklist_documents_anonymised"]) in text
    assert str(FIELD_ERRORS["checklist_pseudonym_agreed"]) not in text
    assert not ReviewPage.objects.get(pk=review.pk).live


def test_admin_can_save_an_incomplete_draft(admin_client, index):
    review = make_review(index, "Lesley", publish=False, **NOT_READY)
    response = admin_client.post(f"/admin/pages/{review.pk}/edit/", edit_form_data(review))
    assert response.status_code == 302
    assert not ReviewPage.objects.get(pk=review.pk).live


def test_admin_publish_of_a_ready_review_sets_its_dates(admin_client, index, site):
    DHRSettings.objects.update_or_create(site=site, defaults={"review_publication_months": 6})
    review = make_review(index, "Lesley", publish=False, **NOT_READY)
    data = edit_form_data(
        review,
        home_office_approval_date="2024-01-10",
        checklist_pseudonym_agreed="on",
        checklist_family_told="on",
        checklist_documents_anonymised="on",
        checklist_home_office_approved="on",
        identifying_details=IDENTIFYING_DETAILS,
        **{"action-publish": "publish"},
    )
    with time_machine.travel(datetime.datetime(2025, 3, 3, 12, tzinfo=datetime.UTC), tick=False):
        response = admin_client.post(f"/admin/pages/{review.pk}/edit/", data)
    assert response.status_code == 302, html_text(response)[:3000]
    review = ReviewPage.objects.get(pk=review.pk)
    assert review.live
    assert review.publication_date == datetime.date(2025, 3, 3)
    assert review.expire_at == timezone.make_aware(datetime.datetime(2025, 9, 3))
    # The published revision carries the same dates, so the next edit starts from them.
    latest = review.get_latest_revision_as_object()
    assert (latest.publication_date, latest.expire_at) == (review.publication_date, review.expire_at)


def test_admin_publish_refuses_dates_that_would_take_it_straight_down(admin_client, index):
    review = make_review(index, "Lesley", publish=False, **NOT_READY)
    ready = {name: ("on" if value is True else value.isoformat()) for name, value in READY.items()}
    data = edit_form_data(
        review,
        publication_date="2020-01-01",
        identifying_details=IDENTIFYING_DETAILS,
        **ready,
        **{"action-publish": "publish"},
    )
    response = admin_client.post(f"/admin/pages/{review.pk}/edit/", data)
    assert "would come down straight away" in html_text(response)
    assert not ReviewPage.objects.get(pk=review.pk).live


def test_direct_publish_action_is_refused_at_save(index):
    """Anything calling Wagtail's publish action directly (as the edit view does) still
    cannot make an unready review live."""
    review = make_review(index, "Lesley", publish=False, **NOT_READY)
    with pytest.raises(ReviewNotReadyToPublish):
        PublishPageRevisionAction(review.get_latest_revision()).execute()
    assert not ReviewPage.objects.get(pk=review.pk).live


def test_revision_publish_is_refused(index):
    review = make_review(index, "Lesley", publish=False, **NOT_READY)
    with pytest.raises(ReviewNotReadyToPublish) as raised:
        review.get_latest_revision().publish()
    assert str(raised.value) == MISSING_ALL
    assert not ReviewPage.objects.get(pk=review.pk).live


# Scheduled go-live ---------------------------------------------------------------------


def test_scheduling_an_unready_review_is_refused(admin_client, index):
    review = make_review(index, "Lesley", publish=False, **NOT_READY)
    go_live = (timezone.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    data = edit_form_data(review, go_live_at=go_live, **{"action-publish": "publish"})
    response = admin_client.post(f"/admin/pages/{review.pk}/edit/", data)
    assert names_every_missing_item(response)
    assert not review.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_publish_scheduled_skips_an_unready_review_and_publishes_the_rest(index, home_page, caplog):
    review = make_review(index, "Lesley", publish=False, **NOT_READY)
    # A revision approved for go-live by some route that skipped the checks.
    revision = review.get_latest_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=5)
    revision.save()
    other = StandardPageFactory(parent=home_page, live=False)
    other_revision = other.save_revision()
    other_revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    other_revision.save()

    call_command("publish_scheduled", verbosity=0)

    assert not ReviewPage.objects.get(pk=review.pk).live
    assert other.__class__.objects.get(pk=other.pk).live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None
    assert "Scheduled publication of review" in caplog.text
    assert "the Home Office approval date" in caplog.text


def test_scheduled_review_goes_live_with_dates_from_its_go_live_day(index):
    go_live = timezone.make_aware(datetime.datetime(2025, 5, 1, 9))
    with time_machine.travel(datetime.datetime(2025, 4, 20, 12, tzinfo=datetime.UTC), tick=False):
        review = make_review(index, "Rose", publication_date=None, go_live_at=go_live)
        assert not review.live
    with time_machine.travel(datetime.datetime(2025, 5, 1, 9, 5, tzinfo=datetime.UTC), tick=False):
        call_command("publish_scheduled", verbosity=0)
    review = ReviewPage.objects.get(pk=review.pk)
    assert review.live
    assert review.publication_date == datetime.date(2025, 5, 1)
    assert review.expire_at == timezone.make_aware(datetime.datetime(2026, 5, 1))


# Workflow approval ---------------------------------------------------------------------


@pytest.fixture
def moderation(index, admin_user):
    """The section's own approval workflow, attached when its index page was created."""
    return WorkflowPage.objects.get(page=index).workflow


def submit(review, workflow, user):
    review.save_revision(user=user)
    workflow.start(review, user)
    state = ReviewPage.objects.get(pk=review.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    return state


def test_workflow_approval_of_an_unready_review_is_refused(admin_client, admin_user, index, moderation):
    review = make_review(index, "Lesley", publish=False, **NOT_READY)
    state = submit(review, moderation, admin_user)
    task_state = state.current_task_state
    response = admin_client.post(
        f"/admin/pages/workflow/action/{review.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    # Refused before Wagtail acts (dhr.approval): back to the edit screen, saying why.
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{review.pk}/edit/"
    assert not ReviewPage.objects.get(pk=review.pk).live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS


def test_approving_an_unready_review_outside_the_admin_is_still_refused(admin_user, index, moderation):
    """The model's own check stays the last line of defence for any route."""
    review = make_review(index, "Lesley", publish=False, **NOT_READY)
    state = submit(review, moderation, admin_user)
    with pytest.raises(ReviewNotReadyToPublish):
        state.current_task_state.specific.approve(user=admin_user)
    assert not ReviewPage.objects.get(pk=review.pk).live
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_IN_PROGRESS


def test_workflow_approval_from_the_edit_form_names_what_is_missing(
    admin_client, admin_user, index, moderation
):
    review = make_review(index, "Lesley", publish=False, **NOT_READY)
    submit(review, moderation, admin_user)
    data = edit_form_data(review, **{"action-workflow-action": "true", "workflow-action-name": "approve"})
    response = admin_client.post(f"/admin/pages/{review.pk}/edit/", data)
    assert names_every_missing_item(response)
    assert not ReviewPage.objects.get(pk=review.pk).live


def test_workflow_approval_of_a_ready_review_publishes_it(admin_client, admin_user, index, moderation):
    review = make_review(index, "Lesley", publish=False)
    state = submit(review, moderation, admin_user)
    response = admin_client.post(
        f"/admin/pages/workflow/action/{review.pk}/approve/{state.current_task_state.pk}/", {"comment": ""}
    )
    assert response.status_code == 302
    review = ReviewPage.objects.get(pk=review.pk)
    assert review.live
    assert review.expire_at is not None


# Dates -----------------------------------------------------------------------------------


def test_keep_online_until_overrides_the_period(index):
    review = make_review(
        index,
        "Lesley",
        publication_date=datetime.date(2025, 3, 3),
        keep_online_until=datetime.date(2026, 6, 30),
    )
    assert review.expire_at == timezone.make_aware(datetime.datetime(2026, 7, 1))


def test_restoring_an_aged_review(index):
    with time_machine.travel(datetime.datetime(2025, 3, 3, 12, tzinfo=datetime.UTC), tick=False):
        review = make_review(index, "Lesley", publication_date=datetime.date(2025, 3, 3))
    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, tzinfo=datetime.UTC), tick=False):
        call_command("publish_scheduled", verbosity=0)
        review = ReviewPage.objects.get(pk=review.pk)
        assert has_come_down(review)
        draft = review.get_latest_revision_as_object()
        draft.keep_online_until = datetime.date(2026, 12, 31)
        draft.save_revision().publish()
        review = ReviewPage.objects.get(pk=review.pk)
        assert review.live and not has_come_down(review)
        assert review.expire_at == timezone.make_aware(datetime.datetime(2027, 1, 1))


def test_add_months_clamps_to_the_end_of_short_months():
    assert add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2025, 11, 15), 3) == datetime.date(2026, 2, 15)


def test_edit_screen_shows_when_the_review_comes_down(admin_client, index):
    review = make_review(index, "Lesley", publication_date=datetime.date(2025, 3, 3))
    with time_machine.travel(datetime.datetime(2025, 4, 1, 12, tzinfo=datetime.UTC), tick=False):
        response = admin_client.get(f"/admin/pages/{review.pk}/edit/")
    text = html_text(response)
    assert "Published. Comes down at the end of 2 March 2026." in text
    # Editors cannot type an expiry for a review: it is worked out on publish.
    assert 'name="expire_at"' not in text
    assert 'name="go_live_at"' in text


def test_edit_screen_warns_when_a_review_has_come_down(admin_client, index):
    with time_machine.travel(datetime.datetime(2025, 3, 3, 12, tzinfo=datetime.UTC), tick=False):
        review = make_review(index, "Lesley", publication_date=datetime.date(2025, 3, 3))
    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, tzinfo=datetime.UTC), tick=False):
        response = admin_client.get(f"/admin/pages/{review.pk}/edit/")
    assert "This review came down after 2 March 2026." in html_text(response)

"""Issue 15: a review that is not ready to publish, as editors and moderators meet it in
the admin. Sending it for approval warns what is missing; approving it from the
dashboard, the workflow modal or the edit screen says what is missing, once, and leaves
it waiting for approval."""

import json

import pytest
from wagtail.models import TaskState, WorkflowPage, WorkflowState

from dhr.forms import FIELD_ERRORS
from dhr.models import ReviewPage
from tests.dhr.admin_forms import review_form_data
from tests.dhr.builders import make_review

pytestmark = pytest.mark.django_db

MISSING_DATE = "the Home Office approval date"
MISSING_FAMILY = "confirmation that the family were told the publication date"
PERMISSION_PAGE = "do not have permission"


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def incomplete_review(index):
    return make_review(
        index, "Sam", publish=False, home_office_approval_date=None, checklist_family_told=False
    )


def submitted(index, review, editor):
    review.save_revision(user=editor)
    WorkflowPage.objects.get(page=index).workflow.start(review, editor)
    return ReviewPage.objects.get(pk=review.pk).current_workflow_state


def approve_url(review, state):
    return f"/admin/pages/workflow/action/{review.pk}/approve/{state.current_task_state.pk}/"


def assert_still_waiting(review, state):
    assert not ReviewPage.objects.get(pk=review.pk).live
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_IN_PROGRESS
    assert TaskState.objects.get(pk=state.current_task_state.pk).status == TaskState.STATUS_IN_PROGRESS


def test_editor_sending_an_incomplete_review_is_told_what_is_missing(client, as_user, index):
    review = incomplete_review(index)
    as_user("Editors")

    response = client.post(
        f"/admin/pages/{review.pk}/edit/",
        {**review_form_data(review), "action-submit": "submit"},
        follow=True,
    )

    review = ReviewPage.objects.get(pk=review.pk)
    assert review.workflow_in_progress and not review.live
    warnings = [message for message in messages_of(response) if "cannot be published until" in message]
    assert len(warnings) == 1
    assert MISSING_DATE in warnings[0] and MISSING_FAMILY in warnings[0]
    assert "It has gone to a moderator" in warnings[0]


def test_editor_sending_a_ready_review_gets_no_warning(client, as_user, index):
    review = make_review(index, "Robin", publish=False)
    as_user("Editors")

    response = client.post(
        f"/admin/pages/{review.pk}/edit/",
        {**review_form_data(review), "action-submit": "submit"},
        follow=True,
    )

    assert ReviewPage.objects.get(pk=review.pk).workflow_in_progress
    assert not any("cannot be published" in message for message in messages_of(response))


def test_moderator_approving_from_the_dashboard_is_told_what_is_missing(client, as_user, index):
    state = submitted(index, review := incomplete_review(index), as_user("Editors"))
    as_user("Moderators")

    # The dashboard's "Approve" button posts to the action with next= the dashboard.
    response = client.post(approve_url(review, state), {"next": "/admin/"}, follow=True)

    assert response.redirect_chain == [("/admin/", 302)]
    assert response.status_code == 200
    messages = messages_of(response)
    assert not any(PERMISSION_PAGE in message for message in messages)
    refusals = [message for message in messages if "cannot be published until" in message]
    assert len(refusals) == 1
    assert refusals[0].count(MISSING_DATE) == 1 and refusals[0].count(MISSING_FAMILY) == 1
    assert "has not been approved" in refusals[0]
    assert not any("approved" in message and message not in refusals for message in messages)
    assert_still_waiting(review, state)


def test_moderator_approving_in_the_workflow_modal_is_told_what_is_missing(client, as_user, index):
    state = submitted(index, review := incomplete_review(index), as_user("Editors"))
    as_user("Moderators")
    ajax = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}

    assert client.get(approve_url(review, state), **ajax).status_code == 200
    response = client.post(approve_url(review, state), {"comment": "Looks fine", "next": "/admin/"}, **ajax)

    assert response.status_code == 200
    reply = json.loads(response.content)
    assert reply["step"] == "success" and reply["redirect"] == "/admin/"
    messages = messages_of(client.get(reply["redirect"]))
    refusals = [message for message in messages if "cannot be published until" in message]
    assert len(refusals) == 1 and MISSING_DATE in refusals[0]
    assert not any(PERMISSION_PAGE in message for message in messages)
    assert_still_waiting(review, state)


def test_moderator_approving_a_ready_review_from_the_dashboard_publishes_it(client, as_user, index):
    state = submitted(index, review := make_review(index, "Jordan", publish=False), as_user("Editors"))
    as_user("Moderators")

    response = client.post(approve_url(review, state), {"next": "/admin/"}, follow=True)

    assert ReviewPage.objects.get(pk=review.pk).live
    assert not any("cannot be published" in message for message in messages_of(response))


def test_an_editor_cannot_learn_the_checklist_through_the_approve_action(client, as_user, index):
    state = submitted(index, review := incomplete_review(index), as_user("Editors"))

    response = client.post(approve_url(review, state), {"next": "/admin/"}, follow=True)

    assert not any("cannot be published" in message for message in messages_of(response))
    assert_still_waiting(review, state)


def approve_on_edit_screen(client, review, **fields):
    """What "Approve" in the edit screen's workflow menu posts, with ``fields`` changed."""
    data = {
        **review_form_data(review, **fields),
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
        "workflow-action-extra-data": "{}",
    }
    return client.post(f"/admin/pages/{review.pk}/edit/", data)


def test_moderator_approving_on_the_edit_screen_sees_each_missing_item_once(client, as_user, index):
    state = submitted(index, review := incomplete_review(index), as_user("Editors"))
    as_user("Moderators")

    response = approve_on_edit_screen(client, review)

    assert response.status_code == 200
    messages = " ".join(messages_of(response))
    assert messages.count(str(FIELD_ERRORS["home_office_approval_date"])) == 1
    assert messages.count(str(FIELD_ERRORS["checklist_family_told"])) == 1
    assert "cannot be published yet" in messages and "cannot be published until" not in messages
    assert "has been approved" not in messages and "has been updated" not in messages
    assert str(FIELD_ERRORS["checklist_pseudonym_agreed"]) not in messages
    assert_still_waiting(review, state)


def test_moderator_fills_in_what_is_missing_and_approves_on_the_edit_screen(client, as_user, index):
    state = submitted(index, review := incomplete_review(index), as_user("Editors"))
    as_user("Moderators")

    response = approve_on_edit_screen(
        client, review, home_office_approval_date="2024-01-10", checklist_family_told="on"
    )

    assert response.status_code == 302
    assert ReviewPage.objects.get(pk=review.pk).live
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED

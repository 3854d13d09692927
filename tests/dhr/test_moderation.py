"""Issue 7: the DHR section's moderation workflow, roles, dashboard panels and the
publication report, as editors and moderators meet them in the admin."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import WorkflowPage, WorkflowState

from dhr.models import ReviewPage
from dhr.moderation import COLLECTION_NAME, WORKFLOW_NAME
from tests.dhr.builders import make_review, review_fields

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def test_section_gets_its_own_workflow_and_document_collection(index):
    workflow = WorkflowPage.objects.get(page=index).workflow
    assert workflow.name == WORKFLOW_NAME
    task = workflow.workflow_tasks.get().task.specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    from wagtail.models import Collection

    assert Collection.objects.filter(name=COLLECTION_NAME).exists()


def test_editor_cannot_publish_a_review_but_can_submit_it(client, as_user, index):
    editor = as_user("Editors")
    review = make_review(index, "Alex", publish=False)

    review.save_revision(user=editor)
    assert not review.permissions_for_user(editor).can_publish()
    response = client.post(f"/admin/pages/{review.pk}/edit/", {"action-publish": "publish"})
    assert not ReviewPage.objects.get(pk=review.pk).live
    assert response.status_code in (200, 302, 403)

    WorkflowPage.objects.get(page=index).workflow.start(review, editor)
    assert ReviewPage.objects.get(pk=review.pk).workflow_in_progress


def test_moderator_approves_and_publishes_a_ready_review(client, as_user, index, django_user_model):
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    review = make_review(index, "Jordan", publish=False)
    review.save_revision(user=editor)
    workflow = WorkflowPage.objects.get(page=index).workflow
    workflow.start(review, editor)

    as_user("Moderators")
    state = ReviewPage.objects.get(pk=review.pk).current_workflow_state
    response = client.post(
        f"/admin/pages/workflow/action/{review.pk}/approve/{state.current_task_state.pk}/",
        {"comment": "Checked"},
    )

    assert response.status_code in (200, 302)
    assert ReviewPage.objects.get(pk=review.pk).live
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED


def test_moderator_approval_is_refused_while_the_checklist_is_incomplete(
    client, as_user, index, django_user_model
):
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    review = make_review(index, "Sam", publish=False, checklist_family_told=False)
    review.save_revision(user=editor)
    WorkflowPage.objects.get(page=index).workflow.start(review, editor)

    as_user("Moderators")
    state = ReviewPage.objects.get(pk=review.pk).current_workflow_state
    client.post(
        f"/admin/pages/workflow/action/{review.pk}/approve/{state.current_task_state.pk}/", {"comment": ""}
    )

    assert not ReviewPage.objects.get(pk=review.pk).live


@pytest.fixture
def waiting_and_scheduled(index, django_user_model):
    """Robin, waiting for a moderator, and Casey, approved to go live in three days."""
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    waiting = make_review(index, "Robin", publish=False)
    waiting.save_revision(user=editor)
    WorkflowPage.objects.get(page=index).workflow.start(waiting, editor)
    scheduled = make_review(index, "Casey", publish=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=3)
    scheduled.save_revision(user=editor).publish()
    assert not ReviewPage.objects.get(pk=scheduled.pk).live
    return waiting, scheduled


def test_dashboard_shows_reviews_awaiting_approval_and_scheduled(client, as_user, waiting_and_scheduled):
    as_user("Moderators")
    html = client.get("/admin/").content.decode()

    assert "Reviews waiting for approval or scheduled" in html
    assert "Robin" in html and "Waiting for a moderator" in html
    assert "Casey" in html and "Scheduled to go live" in html


def test_dashboard_says_when_a_moderator_has_requested_changes(client, as_user, index, django_user_model):
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    review = make_review(index, "Robin", publish=False)
    review.save_revision(user=editor)
    state = WorkflowPage.objects.get(page=index).workflow.start(review, editor)
    moderator = as_user("Moderators")
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject")

    html = client.get("/admin/").content.decode()

    assert "Robin" in html
    assert "Changes requested: back with the editor" in html
    assert "Waiting for a moderator" not in html


def test_publication_report_lists_reviews_and_exports_csv(client, as_user, index):
    with time_machine.travel(NOW, tick=False):
        make_review(index, "Lesley")
        make_review(index, "Morgan", publish=False, checklist_documents_anonymised=False)
    as_user("Moderators")

    with time_machine.travel(NOW, tick=False):
        html = client.get("/admin/reports/dhr-publication/").content.decode()
        export = client.get("/admin/reports/dhr-publication/?export=csv")

    assert "'Lesley'" in html and "'Morgan'" in html
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    rows = body.strip().splitlines()
    assert rows[0].startswith(
        "Pseudonym,Review type,Status,Home Office approval,Published,When it comes down,Checklist complete"
    )
    lesley = next(row for row in rows if row.startswith("Lesley,"))
    morgan = next(row for row in rows if row.startswith("Morgan,"))
    assert lesley.endswith(",Yes") and "2027" in lesley
    assert morgan.endswith(",No")


def test_review_fields_builder_is_complete_by_default():
    fields = review_fields("Test")
    assert fields["checklist_family_told"] is True


def test_the_review_panels_are_only_for_those_who_edit_pages(client, as_user, index, waiting_and_scheduled):
    make_review(index, "Lee", expire_at=timezone.now() + datetime.timedelta(days=10))

    as_user("Copy request handlers")
    response = client.get("/admin/")
    html = response.content.decode()

    # An unpublished review's title is not for someone who only answers copy requests.
    assert response.status_code == 200
    assert "Robin" not in html and "Casey" not in html and "Lee" not in html
    assert "Reviews waiting for approval or scheduled" not in html

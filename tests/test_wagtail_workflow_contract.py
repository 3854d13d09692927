"""core.workflow_actions runs the before_workflow_action hooks by recognising Wagtail's
workflow action URL, and answers the workflow modal the way Wagtail's own view does. If an
upgrade changes either, refused approvals would fall back to Wagtail's permission page or
leave the modal hanging: these fail first."""

import json
from importlib.metadata import version

import pytest
from django.contrib.auth.models import Group
from django.urls import resolve, reverse

from core import workflow_actions
from dhr.models import ReviewPage
from tests.dhr.builders import make_index, make_review

pytestmark = pytest.mark.django_db


def test_installed_wagtail_is_the_version_the_hook_was_written_for():
    assert version("wagtail") == workflow_actions.WRITTEN_FOR, (
        "Wagtail has changed: check core/workflow_actions.py against its workflow views, then update WRITTEN_FOR"
    )


def test_the_workflow_action_url_has_the_name_and_arguments_the_middleware_reads():
    url = reverse(
        workflow_actions.WORKFLOW_ACTION_URL_NAME,
        kwargs={"page_id": 3, "action_name": "approve", "task_state_id": 7},
    )
    match = resolve(url)
    assert match.view_name == workflow_actions.WORKFLOW_ACTION_URL_NAME
    assert match.kwargs == {"page_id": 3, "action_name": "approve", "task_state_id": 7}


def test_wagtails_modal_reply_to_an_action_is_the_one_refuse_gives(client, django_user_model, home_page):
    index = make_index(home_page)
    review = make_review(index, "Jordan", publish=False)
    moderator = django_user_model.objects.create_user("moderator", "m@example.org", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    review.save_revision(user=moderator)
    review.get_workflow().start(review, moderator)
    task_state = ReviewPage.objects.get(pk=review.pk).current_workflow_state.current_task_state
    client.force_login(moderator)

    response = client.post(
        f"/admin/pages/workflow/action/{review.pk}/approve/{task_state.pk}/",
        {"comment": "", "next": "/admin/"},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )

    assert json.loads(response.content) == {"step": "success", "redirect": "/admin/"}
    assert ReviewPage.objects.get(pk=review.pk).live

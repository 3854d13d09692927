"""The dashboard's "Awaiting your review" panel shows what Wagtail's own shows, row for
row, and is the panel the dashboard uses."""

import hashlib
import inspect

from django.contrib.auth.models import Group
from django.test import RequestFactory
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import WorkflowPage

from core.moderation_panel import ModerationPanel
from tests.dhr.builders import make_index, make_review


def rows(panel, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    context = panel.get_context_data({"request": request, "csrf_token": "x"})
    return [
        {
            "obj": state["obj"].pk,
            "task_state": state["task_state"].pk,
            "previous_revision_id": state["previous_revision_id"],
            "actions": state["actions"],
            "tasks": [
                (task.pk, task.name, task.status, str(task.status_display))
                for task in state["workflow_tasks"]
            ],
            "urls": [state[key] for key in sorted(state) if key.endswith("_url_name")],
        }
        for state in context["states"]
    ]


def test_rows_are_wagtails(home_page, django_user_model):
    editor = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = django_user_model.objects.create_user("moderator", "m@example.org", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    index = make_index(home_page)
    workflow = WorkflowPage.objects.get(page=index).workflow
    for name in ("Alex", "Sam", "Jo"):
        review = make_review(index, name, publish=False, documents=False)
        review.save_revision(user=editor)
        workflow.start(review, editor)

    ours = rows(ModerationPanel(), moderator)
    assert len(ours) == 3
    assert ours == rows(WorkflowObjectsToModeratePanel(), moderator)
    assert all(row["tasks"] and row["tasks"][0][2] == "in_progress" for row in ours)


def test_the_dashboard_uses_it(client, django_user_model):
    moderator = django_user_model.objects.create_user("moderator", "m@example.org", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    response = client.get("/admin/")
    panels = [type(panel) for panel in response.context["panels"]]
    assert ModerationPanel in panels
    assert WorkflowObjectsToModeratePanel not in panels


def test_wagtails_panel_is_the_one_copied():
    source = " ".join(inspect.getsource(WorkflowObjectsToModeratePanel.get_context_data).split())
    for step in [
        "TaskState.objects.reviewable_by(request.user)",
        '"revision", "revision__user", "workflow_state", "workflow_state__workflow",',
        '"revision__content_object", "revision__content_object__latest_revision",',
        '.order_by("-started_at")',
        "previous_revision_id=Revision.objects.previous_revision_id_subquery(),",
        "actions = state.task.specific.get_actions(obj, request.user)",
        "workflow_tasks = state.workflow_state.all_tasks_with_status()",
        '"live_revision_id": obj.live_revision_id,',
    ]:
        assert step in source, step
    # Any other change to Wagtail's panel (its template or context) is a reason to re-read it.
    whole = " ".join(inspect.getsource(WorkflowObjectsToModeratePanel).split())
    assert hashlib.sha256(whole.encode()).hexdigest()[:16] == "7463b789faa5fc7b"

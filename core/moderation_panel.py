"""The dashboard's "Awaiting your review" panel, with each row's task progress read for
all rows at once.

Wagtail's ``WorkflowObjectsToModeratePanel`` lists every task a moderator may act on, with
no pagination, and asks ``WorkflowState.all_tasks_with_status()`` (one query) and
``task.specific`` for each row: 50 reviews waiting cost a moderator's dashboard 50 more
queries. ``ModerationPanel`` is the same panel (its template, order and context) built from
two queries for every row together. ``context_for_states`` copies what Wagtail's
``get_context_data`` does for each row; tests/test_wagtail_workflow_contract.py fails if
Wagtail's changes, so an upgrade is read against this module first.
"""

import copy
from collections import defaultdict

from django.conf import settings
from django.utils.translation import gettext
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page, Revision, TaskState, WorkflowTask

WAGTAIL_PANEL = WorkflowObjectsToModeratePanel
# Wagtail's msgid, translated by its own catalogue.
NOT_STARTED = "Not started"


def tasks_with_status(workflow_states):
    """``{workflow state id: [its workflow's tasks, each with .status and
    .status_display]}``, as ``all_tasks_with_status`` gives for one state."""
    workflow_tasks = defaultdict(list)
    for link in (
        WorkflowTask.objects.filter(workflow_id__in={state.workflow_id for state in workflow_states})
        .select_related("task")
        .order_by("sort_order")
    ):
        workflow_tasks[link.workflow_id].append(link.task)
    latest = {}
    for workflow_state_id, task_id, status in (
        TaskState.objects.filter(workflow_state_id__in=[state.pk for state in workflow_states])
        .order_by("-started_at", "-id")
        .values_list("workflow_state_id", "task_id", "status")
    ):
        latest.setdefault((workflow_state_id, task_id), status)
    names = dict(TaskState.STATUS_CHOICES)
    found = {}
    for state in workflow_states:
        tasks = []
        for task in workflow_tasks[state.workflow_id]:
            task = copy.copy(task)
            task.status = latest.get((state.pk, task.pk))
            task.status_display = names.get(task.status) or gettext(NOT_STARTED)
            tasks.append(task)
        found[state.pk] = tasks
    return found


class ModerationPanel(WorkflowObjectsToModeratePanel):
    def get_context_data(self, parent_context):
        # Wagtail's reapproval setting narrows each row's statuses to its latest revision:
        # then Wagtail's own panel, row by row.
        if getattr(settings, "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT", False):
            return super().get_context_data(parent_context)
        request = parent_context["request"]
        context = super(WorkflowObjectsToModeratePanel, self).get_context_data(parent_context)
        context["states"] = []
        context["request"] = request
        context["csrf_token"] = parent_context["csrf_token"]
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return context

        states = [
            state
            for state in TaskState.objects.reviewable_by(request.user)
            .select_related(
                "revision", "revision__user", "workflow_state", "workflow_state__workflow", "task"
            )
            .prefetch_related("revision__content_object", "revision__content_object__latest_revision")
            .order_by("-started_at")
            .annotate(previous_revision_id=Revision.objects.previous_revision_id_subquery())
            if state.revision.content_object
        ]
        statuses = tasks_with_status([state.workflow_state for state in states])
        for state in states:
            obj = state.revision.content_object
            context["states"].append(
                {
                    "obj": obj,
                    "revision": state.revision,
                    "previous_revision_id": state.previous_revision_id,
                    "live_revision_id": obj.live_revision_id,
                    "task_state": state,
                    "actions": state.task.specific_deferred.get_actions(obj, request.user),
                    "workflow_tasks": statuses[state.workflow_state_id],
                    **url_names(obj),
                }
            )
        return context


def url_names(obj):
    views = {
        "workflow_action_url_name": "workflow_action",
        "workflow_preview_url_name": "workflow_preview",
        "revisions_compare_url_name": "revisions_compare",
    }
    if isinstance(obj, Page):
        names = {key: f"wagtailadmin_pages:{view}" for key, view in views.items()}
    else:  # snippets can have workflows too
        names = {key: obj.snippet_viewset.get_url_name(view) for key, view in views.items()}
    if not getattr(obj, "is_previewable", False):
        names["workflow_preview_url_name"] = None
    return names


def use_moderation_panel(request, panels):
    """``construct_homepage_panels``: Wagtail's panel swapped for ``ModerationPanel``; the
    user's explorable root (for the site summary) and group approval checks (for the
    panel's tasks) read once for the whole dashboard (core/explorer.py)."""
    from core.explorer import remember_approval_groups, remember_explorable_root

    remember_explorable_root(request.user)
    remember_approval_groups(request.user)
    panels[:] = [ModerationPanel() if type(panel) is WAGTAIL_PANEL else panel for panel in panels]

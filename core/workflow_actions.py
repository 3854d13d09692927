"""A ``before_workflow_action`` hook, like Wagtail's own ``before_edit_page``, for the
moderator's actions that do not go through the edit screen: the buttons on the dashboard's
"Awaiting your review" panel and Wagtail's workflow modal (``wagtailadmin_pages:workflow_action``).

Wagtail runs no hook there, and its admin answers any ``PermissionDenied`` raised while the
action runs with "Sorry, you do not have permission to access this area.", whatever the
reason. So a section that would refuse an action (the DHR section refuses to approve a
review that is not ready) registers a hook and says why instead, before anything is done.
Each hook is called as ``fn(request, page, action_name, task_state)`` for a user who may
take that action, and returns None or a response; ``refuse`` builds that response.

The URL name and its arguments, and the modal's JSON reply (``{"step": "success",
"redirect": ...}``, what Wagtail's own view answers), are Wagtail's, written for
``WRITTEN_FOR``: tests/test_wagtail_workflow_contract.py fails first if an upgrade changes
them. After upgrading Wagtail, read ``wagtail/admin/views/generic/workflow.py`` against
this module, then update ``WRITTEN_FOR``.
"""

from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page, TaskState

WRITTEN_FOR = "7.4.4"
HOOK_NAME = "before_workflow_action"
WORKFLOW_ACTION_URL_NAME = "wagtailadmin_pages:workflow_action"


def _is_modal(request):
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


def refuse(request, page, message):
    """Nothing is done: show ``message`` and go back to where the moderator came from (the
    dashboard, or the page's edit screen), as Wagtail does after an action."""
    messages.error(request, message)
    url = get_valid_next_url_from_request(request) or reverse(
        "wagtailadmin_pages:edit", args=[quote(page.pk)]
    )
    if _is_modal(request):
        return render_modal_workflow(request, "", None, {}, json_data={"step": "success", "redirect": url})
    return redirect(url)


def _action_for(request, view_kwargs):
    """The page, action name and task state of a workflow action this user may take, or
    None (Wagtail's view then answers as it always does)."""
    task_state = TaskState.objects.filter(pk=view_kwargs.get("task_state_id")).first()
    page = Page.objects.filter(pk=view_kwargs.get("page_id")).first()
    if task_state is None or page is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    page = page.specific
    if str(task_state.workflow_state.object_id) != str(page.pk):
        return None
    action_name = view_kwargs.get("action_name")
    task = task_state.task.specific
    if action_name not in [name for name, _label, _modal in task.get_actions(page, request.user)]:
        return None
    return page, action_name, task_state.specific


class BeforeWorkflowActionMiddleware:
    """Runs the ``before_workflow_action`` hooks before Wagtail takes a workflow action."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.view_name != WORKFLOW_ACTION_URL_NAME:
            return None
        if not request.user.is_authenticated:
            return None
        action = _action_for(request, view_kwargs)
        if action is None:
            return None
        for fn in hooks.get_hooks(HOOK_NAME):
            response = fn(request, *action)
            if response is not None:
                return response
        return None

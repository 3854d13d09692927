"""What editors and moderators are told about a review that is not ready to publish
(docs/dhr-publishing.md, "Sending a review for approval").

- Sending a review for approval is allowed while something is missing, because a moderator
  may fill it in (the Home Office approval date often arrives late); the editor is warned
  what is still missing.
- Approving it from the dashboard or Wagtail's workflow modal is refused with the same
  message before anything is done, instead of Wagtail's "you do not have permission"
  page. (The edit screen refuses it in ``ReviewPageForm.clean``; the model's own check in
  ``dhr.publication`` stays the last line of defence for every route.)
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from core.workflow_actions import refuse
from dhr.publication import refusal_for

SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


def _is_review(page):
    from dhr.models import ReviewPage

    return isinstance(page, ReviewPage)


def warn_if_submitted_incomplete(request, page):
    """``after_create_page`` / ``after_edit_page``: tell the editor what is still missing
    from a review they have just sent for approval."""
    if request.method != "POST" or not any(request.POST.get(name) for name in SUBMIT_ACTIONS):
        return None
    if not _is_review(page) or not page.workflow_in_progress:
        return None
    refusal = refusal_for(page.get_latest_revision())
    if refusal:
        messages.warning(
            request,
            format_lazy(
                "{refusal} {next_step}",
                refusal=refusal,
                next_step=_(
                    "It has gone to a moderator anyway: they can fill in what is missing on the "
                    "'Before publishing' tab, or send it back to you, before approving it."
                ),
            ),
        )
    return None


def refuse_incomplete_approval(request, page, action_name, task_state):
    """``before_workflow_action``: approving a review that is not ready says what is
    missing and leaves it waiting for approval."""
    if action_name != "approve" or not _is_review(page):
        return None
    # Wagtail publishes the latest revision when the workflow is approved.
    refusal = refusal_for(page.get_latest_revision())
    if refusal is None:
        return None
    not_approved = _(
        "It has not been approved and is still waiting for approval. Fill in what is missing "
        "on its 'Before publishing' tab, then approve it."
    )
    return refuse(
        request, page, format_lazy("{refusal} {not_approved}", refusal=refusal, not_approved=not_approved)
    )

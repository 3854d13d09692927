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

from django.shortcuts import redirect
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from core.workflow_actions import refuse
from dhr.document_check import check_review, summary_for_editors
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


def warn_of_identifying_details(request, page):
    """``after_create_page`` / ``after_edit_page``: a draft saved with an identifying detail
    still in it (or a document that cannot be checked) is saved, and the editor is told
    where, so it can be put right before anyone tries to publish it."""
    if request.method != "POST" or not _is_review(page):
        return None
    if any(request.POST.get(name) for name in SUBMIT_ACTIONS):
        return None  # warn_if_submitted_incomplete says it all
    check = check_review(page.get_latest_revision_as_object())
    if check.details_listed and check.problems:  # no list yet: said when it is sent or published
        messages.warning(request, summary_for_editors(check))
    return None


def refuse_bulk_publish(request, action_type, objects, action):
    """``before_bulk_action``: publishing several pages at once (with their draft
    subpages, if asked) publishes none of them if any is a review that is not ready, and
    says which and why."""
    if action_type != "publish":
        return None
    from dhr.models import ReviewPage

    pages = list(objects)
    form = getattr(action, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages += list(ReviewPage.objects.descendant_of(page).not_live())
    reasons = []
    for page in pages:
        page = page.specific_deferred
        revision = page.get_latest_revision() if _is_review(page) else None
        refusal = refusal_for(revision) if revision is not None else None
        if refusal:
            reasons.append(
                format_lazy("{title}: {refusal}", title=page.get_admin_display_title(), refusal=refusal)
            )
    if not reasons:
        return None
    messages.error(
        request,
        format_lazy(
            "{none} {reasons}", none=_("No pages were published."), reasons=" ".join(map(str, reasons))
        ),
    )
    return redirect(action.next_url)

"""Translations are drafts until a moderator publishes them.

- wagtail-localize saves a new or synced translation as a draft
  (``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`` in the settings), and its
  placeholders never go live (``core.models.BasePage.save``).
- Only someone who may publish a page can publish it from wagtail-localize's views: the
  translation editor's **Publish** checks that itself; "Sync translated pages" offers
  "Publish immediately" only to them (``i18n.localize_internals.SyncTranslationsView``).
- Anyone who may edit the page can save the translation as a draft from the translation
  editor and submit it to the page's workflow (``save_or_submit``), the one Wagtail finds
  from the page's place in its own language's tree: a section's translation has its own
  workflow (the DHR section attaches its workflow to every language of its index page,
  ``dhr.moderation``).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from i18n.localize_internals import save_draft, synced_translation_of

ACTION = "translation-moderation"
SAVE_DRAFT = "save-draft"
SUBMIT = "submit"


def moderation_status(page, user):
    """What the translation editor's moderation panel offers ``user`` for ``page``."""
    perms = page.permissions_for_user(user)
    workflow = page.get_workflow()
    state = page.current_workflow_state
    needs_changes = state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
    return {
        "can_save": perms.can_edit() and not perms.page_locked(),
        "workflow": workflow,
        "state": state,
        "can_submit": perms.can_edit()
        and not perms.page_locked()
        and workflow is not None
        and (state is None or needs_changes),
        "needs_changes": needs_changes,
    }


def handle(request, page):
    """The translation editor's "Save draft" and "Submit" buttons (a ``before_edit_page``
    hook: Wagtail has already checked that the user may edit the page)."""
    if request.method != "POST" or ACTION not in request.POST:
        return None
    translation = synced_translation_of(page)
    if translation is None:
        return None
    action = request.POST[ACTION]
    status = moderation_status(page, request.user)
    if action not in (SAVE_DRAFT, SUBMIT) or not status["can_save"]:
        raise PermissionDenied
    edit_page = redirect("wagtailadmin_pages:edit", page.pk)
    if action == SUBMIT and not status["can_submit"]:
        messages.error(
            request, _("This translation cannot be submitted now: it is already awaiting moderation.")
        )
        return edit_page
    try:
        save_draft(translation, request.user)
    except ValidationError:
        messages.error(
            request,
            _("The translation was not saved: fix the translations marked with an error, then save again."),
        )
        return edit_page
    page = page.specific_class.objects.get(pk=page.pk)
    if action == SAVE_DRAFT:
        messages.success(request, _("Draft saved. Readers do not see it until a moderator publishes it."))
        return edit_page
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(request.user)
    else:
        status["workflow"].start(page, request.user)
    messages.success(request, _("Submitted for moderation. A moderator will review it before it goes live."))
    return edit_page

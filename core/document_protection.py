"""A document that pages use changes only with someone who could publish those pages.

A page's document is part of what a moderator approved: replacing its file, renaming it
(readers see its title in document lists) or deleting it would change a published page,
or one waiting for approval, with nobody approving the change. So a document used by a
page in a section with a workflow (its published content, a scheduled revision or its
latest draft) keeps its file and title, and stays, unless the user can publish every such
page. Everyone else is told to upload a new document and attach it in a new revision of
the page, which goes through the page's workflow.

Refused on every route the admin offers: the document's edit form (file and title),
its delete page, the multiple uploader's delete button and the Documents listing's bulk
delete. When someone who may does replace, rename or delete such a document, each page
using it gets an entry in its history.

Which pages use a document is Wagtail's reference index (saved content), and the same
extraction applied to latest and scheduled revisions (``core.wagtail_document_internals``).
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import post_save, pre_delete, pre_save
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.documents import get_document_model
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page, ReferenceIndex, Revision

from core import wagtail_document_internals as internals

REPLACED = "core.document_replaced"
RENAMED = "core.document_renamed"
DELETED = "core.document_deleted"
# The fields readers see: the file itself and its title, the link text.
PROTECTED_FIELDS = ("file", "title")
# Pages named in a message; more are counted.
NAMED_PAGES = 3


def pages_using(document):
    """Pages in a section with a workflow whose saved content, scheduled revision or
    latest draft uses ``document``, by title."""
    if document.pk is None:
        return []
    page_type = ContentType.objects.get_for_model(Page)
    ids = {
        int(pk)
        for pk in ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    # Drafts of live pages, and scheduled revisions, are only in revisions until published.
    revisions = Revision.page_revisions.filter(
        Q(pk__in=Page.objects.filter(has_unpublished_changes=True).values("latest_revision_id"))
        | Q(approved_go_live_at__isnull=False)
    ).exclude(object_id__in=[str(pk) for pk in ids])
    for revision in revisions:
        if int(revision.object_id) not in ids and internals.refers_to(revision.as_object(), document):
            ids.add(int(revision.object_id))
    pages = Page.objects.filter(pk__in=ids).order_by("title", "pk")
    return [page for page in pages if page.get_workflow() is not None]


def pages_needing_a_moderator(user, document):
    """The pages using ``document`` that ``user`` cannot publish."""
    return [page for page in pages_using(document) if not page.permissions_for_user(user).can_publish()]


def refusal(user, document):
    """Why ``user`` may not replace, rename or delete ``document``, and what to do
    instead; None if they may."""
    pages = pages_needing_a_moderator(user, document)
    if not pages:
        return None
    named = [f"“{page.get_admin_display_title()}”" for page in pages[:NAMED_PAGES]]
    if len(pages) > NAMED_PAGES:
        more = len(pages) - NAMED_PAGES
        named.append(ngettext("%(count)d more page", "%(count)d more pages", more) % {"count": more})
    workflow = pages[0].get_workflow()
    return _(
        "“%(document)s” is used by %(pages)s, so only a moderator can replace, rename or "
        "delete it: readers would see the change before anyone approved it. Instead, "
        "upload a new document, attach it in a new draft of the page, and submit the page "
        "to %(workflow)s."
    ) % {"document": document.title, "pages": get_text_list(named, _("and")), "workflow": workflow.name}


class ProtectedDocumentFormMixin:
    """For the document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``): a user who may not
    change a document pages use is told so beside its file, and a new file or title is
    refused with the same message. Tags and collection stay editable."""

    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        self.refusal = None
        if user is not None and self.instance.pk:
            self.refusal = refusal(user, self.instance)
        if self.refusal and "file" in self.fields:
            self.fields["file"].help_text = self.refusal

    def clean(self):
        cleaned_data = super().clean()
        if self.refusal:
            for name in PROTECTED_FIELDS:
                if name in self.fields and name in self.changed_data:
                    self.add_error(name, self.refusal)
        return cleaned_data


class DeleteView(internals.DocumentDeleteView):
    """Wagtail's document delete page, refused (back to the document, with the reason)
    for a user who may not delete it."""

    def run_before_hook(self):
        message = refusal(self.request.user, self.object)
        if message is None:
            return None
        messages.error(self.request, message)
        return redirect("wagtaildocs:edit", self.object.pk)


class MultipleDeleteView(internals.MultipleDocumentDeleteView):
    """The multiple uploader's delete button, refused the same way (403, with the
    reason, as JSON)."""

    def post(self, request, *args, **kwargs):
        document = get_object_or_404(get_document_model(), pk=kwargs[self.pk_url_kwarg])
        message = refusal(request.user, document)
        if message is not None:
            return JsonResponse({"success": False, "error_message": message}, status=403)
        return super().post(request, *args, **kwargs)


def refuse_bulk_delete(request, action_type, objects, action):
    """``before_bulk_action``: the Documents listing's bulk delete deletes nothing if any
    chosen document may not be deleted by this user, and says which and why."""
    if action_type != "delete" or action.model is not get_document_model():
        return None
    reasons = [reason for reason in (refusal(request.user, document) for document in objects) if reason]
    if not reasons:
        return None
    messages.error(request, " ".join([_("No documents were deleted."), *reasons]))
    return redirect(action.next_url)


class DocumentChangeFormatter(LogFormatter):
    """A page history entry naming the document."""

    template = ""

    def format_message(self, log_entry):
        document = (log_entry.data or {}).get("document") or {}
        return self.template % {"title": document.get("title", "")}


class ReplacedFormatter(DocumentChangeFormatter):
    label = gettext_lazy("Replace a document's file")
    template = gettext_lazy("File of the document “%(title)s” replaced")


class RenamedFormatter(DocumentChangeFormatter):
    label = gettext_lazy("Rename a document")
    template = gettext_lazy("Document renamed to “%(title)s”")


class DeletedFormatter(DocumentChangeFormatter):
    label = gettext_lazy("Delete a document")
    template = gettext_lazy("Document “%(title)s” deleted")


def register_log_actions(actions):
    actions.register_action(REPLACED)(ReplacedFormatter)
    actions.register_action(RENAMED)(RenamedFormatter)
    actions.register_action(DELETED)(DeletedFormatter)


def _log_for_pages(document, actions):
    """Log each action on every page using ``document`` (the user comes from the
    admin's log context)."""
    if not actions:
        return
    data = {"document": {"id": document.pk, "title": document.title}}
    for page in pages_using(document):
        for action in actions:
            log(instance=page, action=action, data=data)


def _remember_changes(sender, instance, raw=False, **kwargs):
    instance._protected_changes = []
    if raw or instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values("file", "title").first()
    if before is None:
        return
    if before["file"] != instance.file.name:
        instance._protected_changes.append(REPLACED)
    if before["title"] != instance.title:
        instance._protected_changes.append(RENAMED)


def _log_changes(sender, instance, created=False, raw=False, **kwargs):
    if not created and not raw:
        _log_for_pages(instance, getattr(instance, "_protected_changes", []))


def _log_deletion(sender, instance, **kwargs):
    _log_for_pages(instance, [DELETED])


def connect():
    model = get_document_model()
    pre_save.connect(_remember_changes, sender=model, dispatch_uid="core.document_protection.remember")
    post_save.connect(_log_changes, sender=model, dispatch_uid="core.document_protection.log")
    pre_delete.connect(_log_deletion, sender=model, dispatch_uid="core.document_protection.deletion")

"""The DHR section's moderation: its own approval workflow and document collection.

Every change to a page in the section goes to the Moderators group for approval (the
publication rules in dhr.publication still apply when they approve). Review documents
are kept in their own collection. Both are set up when the section's index page is
created, in the admin or by the demo loader, and so for each translation of it too
(wagtail-localize creates the Welsh index page as a new page in the Welsh tree, where
Wagtail looks for a workflow), so Welsh reviews go through the same approval.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

WORKFLOW_NAME = "Domestic homicide review approval"
TASK_NAME = "Moderators approve DHR pages"
COLLECTION_NAME = "Domestic homicide reviews"
# Wagtail's collection permissions count deleting as changing, so Editors can delete what
# they can change; a document a review uses is kept from them by core.document_protection.
COLLECTION_PERMISSIONS = {
    "Editors": ["add_document", "change_document", "choose_document"],
    "Moderators": ["add_document", "change_document", "choose_document", "delete_document"],
}


def find_review_collection():
    """The section's document collection, or None before the section is set up."""
    return Collection.objects.filter(depth=2, name=COLLECTION_NAME).first()


def review_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    collection = existing or root.add_child(name=COLLECTION_NAME)
    for group_name, codenames in COLLECTION_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename),
            )
    return collection


def review_workflow():
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    # WorkflowTask.objects, not workflow.workflow_tasks: that is a modelcluster relation,
    # which would only add the task in memory.
    if created or not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=TASK_NAME)
            task.groups.set(Group.objects.filter(name="Moderators"))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def set_up_section(index_page):
    """Attach the approval workflow to the DHR section and make its document collection."""
    review_collection()
    WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": review_workflow()})


@receiver(post_save, sender="dhr.DHRIndexPage")
def set_up_new_section(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        set_up_section(instance)

"""Keep page search entries in step with the documents they list.

A page's search entry holds the text of its documents (``search_document_text``). When an
editor replaces a document's file or deletes the document, the pages that use it are
re-indexed at once, found through Wagtail's reference index.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index


def reindex_pages_using_document(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page_ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    for page in Page.objects.filter(pk__in={int(pk) for pk in page_ids}).specific():
        index.insert_or_update_object(page)


def register_signal_handlers():
    document_model = get_document_model()
    post_save.connect(reindex_pages_using_document, sender=document_model)
    post_delete.connect(reindex_pages_using_document, sender=document_model)

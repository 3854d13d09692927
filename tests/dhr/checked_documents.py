"""Builders for the identifying details tests: review documents from generated PDFs, and
a review whose latest draft uses them."""

import itertools

from django.core.files.base import ContentFile

from core.models import CSPDocument
from dhr.models import ReviewDocument, ReviewPage
from tests.dhr.builders import make_review

_numbers = itertools.count(1)

# The details every review in these tests is checked for, in this order.
DETAILS = ["Margaret Haworth", "14 Acacia Avenue", "Peter Haworth", "Zoe Brannigan"]
# Words of the details: none may reach a log line, a page or an export.
DETAIL_WORDS = ["haworth", "acacia", "brannigan"]


def pdf_document(data, name=None, title="Overview report"):
    """A stored document holding ``data``, as an upload would store it."""
    document = CSPDocument(title=title)
    document.file.save(name or f"checked-{next(_numbers)}.pdf", ContentFile(data), save=False)
    document.save()
    return document


def draft_with(index, *documents, pseudonym="Lesley", **fields):
    """A draft review (never published) whose latest revision lists ``documents`` as its
    overview report, executive summary... in that order."""
    kinds = ["overview_report", "executive_summary", "action_plan", "other"]
    review = make_review(
        index, pseudonym, publish=False, documents=False, identifying_details="\n".join(DETAILS), **fields
    )
    draft = review.get_latest_revision_as_object()
    draft.documents = [
        ReviewDocument(document=document, kind=kind, sort_order=order)
        for order, (kind, document) in enumerate(zip(kinds, documents, strict=False))
    ]
    draft.save_revision()
    return ReviewPage.objects.get(pk=review.pk)


def replace_documents(review, *documents, user=None):
    """A new draft of ``review`` with ``documents`` instead of the ones it had."""
    draft = ReviewPage.objects.get(pk=review.pk).get_latest_revision_as_object()
    items = list(draft.documents.all())
    for item, document in zip(items, documents, strict=False):
        item.document = document
    draft.documents = items
    return draft.save_revision(user=user)

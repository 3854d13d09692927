"""Small builders for the DHR section's page tree, shared by the DHR tests and the
listing benchmark."""

import datetime
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from core.models import CSPDocument
from demo.pdfs import build_pdf
from dhr.models import DHRIndexPage, RequestCopyFormField, RequestCopyFormPage, ReviewDocument, ReviewPage

_numbers = itertools.count(1)

READY = {
    "home_office_approval_date": datetime.date(2024, 1, 10),
    "checklist_pseudonym_agreed": True,
    "checklist_family_told": True,
    "checklist_documents_anonymised": True,
    "checklist_home_office_approved": True,
}
# What make_review's reviews are checked for: in none of their documents or fields.
IDENTIFYING_DETAILS = "Quentin Abernethy-Oyelaran\n47 Wrenfield Crescent"
NOT_READY = {
    "home_office_approval_date": None,
    "checklist_pseudonym_agreed": False,
    "checklist_family_told": False,
    "checklist_documents_anonymised": False,
    "checklist_home_office_approved": False,
    "identifying_details": "",
}


def make_index(home_page):
    index = DHRIndexPage(
        title="Domestic homicide reviews",
        slug="domestic-homicide-reviews",
        summary="What a review is and the reviews we have published.",
        body=[("paragraph", "<p>A review looks at what happened so that services can learn.</p>")],
        show_in_menus=True,
    )
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_request_form(index):
    form_page = RequestCopyFormPage(
        title="Request a copy of a review",
        slug="request-a-copy",
        summary="Ask for a copy of a review that is no longer online.",
    )
    index.add_child(instance=form_page)
    for order, (label, field_type, required) in enumerate(
        [("Your name", "singleline", True), ("Email address", "email", True), ("Reason", "multiline", False)]
    ):
        RequestCopyFormField.objects.create(
            page=form_page, label=label, field_type=field_type, required=required, sort_order=order
        )
    form_page.save_revision().publish()
    return form_page


def make_document(title, text="Anonymised findings of the review panel."):
    document = CSPDocument(title=title)
    name = f"test-document-{next(_numbers)}.pdf"
    document.file.save(name, ContentFile(build_pdf(title, [("Findings", [text])])), save=False)
    document.file_size = document.file.size
    document.save()
    return document


def review_fields(pseudonym, **fields):
    values = {
        "pseudonym": pseudonym,
        "summary": f"Summary of the review into the death of {pseudonym}: agencies missed chances.",
        "publication_date": timezone.localdate(),
        "death_month": 3,
        "death_year": 2022,
        "executive_summary": f"<p>Executive summary text for {pseudonym}.</p>",
        "identifying_details": IDENTIFYING_DETAILS,
        **READY,
    }
    values.update(fields)
    return values


def add_documents(review, kinds=("executive_summary", "overview_report", "action_plan"), html_version=""):
    for order, kind in enumerate(kinds):
        document = make_document(f"{kind} {review.pseudonym}", text=f"Report text about {review.pseudonym}.")
        review.documents.add(
            ReviewDocument(document=document, kind=kind, sort_order=order, html_version=html_version)
        )


def make_review(index, pseudonym, publish=True, documents=True, html_version="", **fields):
    """A review created as a draft, given documents, then published the way editors do
    (``save_revision().publish()``) unless ``publish`` is false."""
    fields.setdefault("slug", slugify(pseudonym))
    review = ReviewPage(live=False, **review_fields(pseudonym, **fields))
    index.add_child(instance=review)
    if documents:
        add_documents(review, html_version=html_version)
    revision = review.save_revision()
    if publish:
        revision.publish()
    return ReviewPage.objects.get(pk=review.pk)


def make_many_live_reviews(index, count, shared_documents):
    """``count`` live reviews, quickly: created live (the save-time rules still apply),
    each with the shared documents attached."""
    today = timezone.localdate()
    reviews = []
    for number in range(count):
        review = ReviewPage(
            live=True,
            **review_fields(
                f"Person {number}",
                publication_date=today - datetime.timedelta(days=number % 300),
                review_type=["dhr", "dardr", "susr"][number % 3],
            ),
        )
        index.add_child(instance=review)
        reviews.append(review)
    ReviewDocument.objects.bulk_create(
        [
            ReviewDocument(page=review, document=document, kind="overview_report", sort_order=order)
            for review in reviews
            for order, document in enumerate(shared_documents)
        ]
    )
    return reviews


def add_busy_reviews(index, count, documents, editor, welsh=None):
    """``count`` live reviews; every tenth waiting for a moderator, every tenth (another
    one) with a publish scheduled, with Welsh every tenth (a third one) translated; all due
    for their content review."""
    from wagtail.models import WorkflowPage

    from tests.welsh import translate

    workflow = WorkflowPage.objects.get(page=index).workflow
    for number, review in enumerate(make_many_live_reviews(index, count, documents)):
        if number % 10 == 0:
            review.save_revision(user=editor)
            workflow.start(review, editor)
        elif number % 10 == 3:
            review.save_revision(
                user=editor, approved_go_live_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
            )
        elif number % 10 == 6 and welsh is not None:
            translate(review, welsh, publish=False)
    ReviewPage.objects.update(next_review_due=datetime.date(2020, 1, 1))

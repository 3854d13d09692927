"""Issue 16: a review cannot be published while a document or the page still holds one of
its identifying details, by any route (the edit screen's Publish as a Moderator, workflow
approval, a scheduled go-live, bulk publish, ``revision.publish()``). Each refusal names
the document, the page and the kind of place, never the detail; the same document with
the detail taken out publishes."""

import datetime
import logging

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import WorkflowPage

from dhr.models import ReviewPage
from dhr.publication import ReviewCouldIdentifySomeone, ReviewNotReadyToPublish
from tests.dhr.admin_forms import review_form_data
from tests.dhr.checked_documents import DETAIL_WORDS, draft_with, pdf_document, replace_documents
from tests.pdfs import edit, make_pdf

pytestmark = pytest.mark.django_db

CLEAN = "The panel spoke to the family."
SPLIT = "Margaret\nHaworth"


def text_on_page_three(name):
    return make_pdf(["Page one is clean.", "Page two is clean.", f"The panel spoke to {name}."])


# Each case: how the PDF is made with a detail (or, given None, with a neutral stand-in),
# the file name, and what the refusal must say: which detail, page and kind of place.
CASES = {
    "text on a later page": (lambda name: text_on_page_three(name or "the sister"), None, 1, "page 3, text"),
    "split across a line break": (
        lambda name: make_pdf([f"The panel spoke to {SPLIT if name else 'Ms A'} about it."]),
        None,
        1,
        "page 1, text",
    ),
    "in capitals": (
        lambda name: make_pdf([f"THE PANEL SPOKE TO {(name or 'Ms A').upper()}."]),
        None,
        1,
        "page 1, text",
    ),
    "with an accent": (
        lambda name: make_pdf([f"A friend, {'Zoë Brannigan' if name else 'Ms B'}, told the police."]),
        None,
        4,
        "page 1, text",
    ),
    "with an apostrophe-s": (
        lambda name: make_pdf([f"{name or 'Ms A'}'s sister was told."]),
        None,
        1,
        "page 1, text",
    ),
    "in the Author": (
        lambda name: edit(
            make_pdf([CLEAN]), info={"/Author": "Peter Haworth" if name else "Council officer"}
        ),
        None,
        3,
        "metadata (Author)",
    ),
    "in the Title": (
        lambda name: edit(
            make_pdf([CLEAN]), info={"/Title": f"DHR - death of {name or 'Ms A'} (UNREDACTED)"}
        ),
        None,
        1,
        "metadata (Title)",
    ),
    "in XMP": (
        lambda name: edit(make_pdf([CLEAN]), xmp="Peter Haworth" if name else "Council officer"),
        None,
        3,
        "metadata (XMP metadata)",
    ),
    "in an annotation": (
        lambda name: edit(
            make_pdf([CLEAN, CLEAN]),
            comment={"/Contents": f"Ask {'Peter Haworth' if name else 'the chair'}", "/T": "Reviewer"},
        ),
        None,
        3,
        "page 2, annotation (comment)",
    ),
    "in a bookmark": (
        lambda name: edit(make_pdf([CLEAN]), bookmark=f"Statement of {name or 'Ms A'}"),
        None,
        1,
        "bookmark",
    ),
    "in the file name": (lambda name: make_pdf([CLEAN]), "margaret-haworth-overview.pdf", 1, "file name"),
    "under a black box": (
        lambda name: make_pdf([CLEAN], boxed="14 Acacia Avenue" if name else "the family home"),
        None,
        2,
        "page 1, under a box",
    ),
}


def messages_of(response):
    return " ".join(str(message) for message in response.context["messages"]) if response.context else ""


def assert_names_the_place(text, number, place):
    assert f"Identifying detail {number} is in document 1 (Overview report): {place}." in text, text
    assert not any(word in text.lower() for word in DETAIL_WORDS), text


def assert_not_live(review):
    assert not ReviewPage.objects.get(pk=review.pk).live


def refused_by_revision_publish(review):
    with pytest.raises(ReviewCouldIdentifySomeone) as raised:
        ReviewPage.objects.get(pk=review.pk).get_latest_revision().publish()
    return str(raised.value)


def refused_by_publish_scheduled(review, caplog):
    revision = ReviewPage.objects.get(pk=review.pk).get_latest_revision()
    now = timezone.now().replace(microsecond=0)
    with time_machine.travel(now, tick=False):
        revision.approved_go_live_at = now - datetime.timedelta(minutes=5)
        revision.save(update_fields=["approved_go_live_at"])
        call_command("publish_scheduled", verbosity=0)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None  # the go-live is cancelled, not retried
    cancelled = [record.getMessage() for record in caplog.records if "cancelled" in record.getMessage()]
    assert cancelled and f"pk={review.pk}" in cancelled[-1]
    return cancelled[-1]


def refused_by_bulk_publish(client, review):
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={review.pk}&next=/admin/", {}, follow=True
    )
    assert response.status_code == 200
    return messages_of(response)


def refused_on_the_edit_screen(client, review, document):
    data = review_form_data(
        review,
        new_documents=[{"document": str(document.pk), "kind": "overview_report", "html_version": ""}],
        **{"action-publish": "publish"},
    )
    response = client.post(f"/admin/pages/{review.pk}/edit/", data)
    assert response.status_code == 200
    return messages_of(response)


def start_workflow(index, review, editor):
    ReviewPage.objects.get(pk=review.pk).get_latest_revision_as_object().save_revision(user=editor)
    WorkflowPage.objects.get(page=index).workflow.start(ReviewPage.objects.get(pk=review.pk), editor)
    return ReviewPage.objects.get(pk=review.pk).current_workflow_state


def approve(client, review, state):
    url = f"/admin/pages/workflow/action/{review.pk}/approve/{state.current_task_state.pk}/"
    return client.post(url, {"comment": "", "next": "/admin/"}, follow=True)


@pytest.mark.parametrize("case", CASES)
def test_a_detail_refuses_publication_by_every_route(client, login, index, caplog, case):
    caplog.set_level(logging.DEBUG)
    build, file_name, number, place = CASES[case]
    document = pdf_document(build("Margaret Haworth"), name=file_name)
    review = draft_with(index, document)

    assert_names_the_place(refused_by_revision_publish(review), number, place)
    assert_not_live(review)
    assert "cancelled" in refused_by_publish_scheduled(review, caplog)
    assert_not_live(review)

    login("Moderators")
    assert_names_the_place(refused_by_bulk_publish(client, review), number, place)
    assert_not_live(review)
    bare = ReviewPage.objects.get(pk=review.pk)  # the page row has no documents yet
    assert_names_the_place(refused_on_the_edit_screen(client, bare, document), number, place)
    assert_not_live(review)

    editor = login("Editors")
    state = start_workflow(index, review, editor)
    login("Moderators")
    assert_names_the_place(messages_of(approve(client, review, state)), number, place)
    assert_not_live(review)

    # The moderator sees it on the edit screen's "Before publishing" tab, too.
    edit_screen = client.get(f"/admin/pages/{review.pk}/edit/").content.decode()
    assert f"Identifying detail {number} is in document 1 (Overview report): {place}." in edit_screen

    # The same document with the detail taken out: the approval publishes it.
    fixed = pdf_document(build(None), name=None if file_name is None else "overview-report.pdf")
    replace_documents(review, fixed, user=editor)
    approval = approve(client, review, ReviewPage.objects.get(pk=review.pk).current_workflow_state)
    assert "cannot be published" not in messages_of(approval)
    assert ReviewPage.objects.get(pk=review.pk).live

    logged = caplog.text.lower()
    assert not any(word in logged for word in DETAIL_WORDS)


def test_a_detail_in_a_page_field_refuses_publication(index):
    review = draft_with(index, pdf_document(make_pdf([CLEAN])), summary="What happened to Margaret Haworth.")

    message = refused_by_revision_publish(review)

    assert "Identifying detail 1 is in this page: page field (summary)." in message
    assert not any(word in message.lower() for word in DETAIL_WORDS)
    assert_not_live(review)


def test_a_detail_in_a_web_version_refuses_publication(client, login, index):
    document = pdf_document(make_pdf([CLEAN]))
    review = draft_with(index)
    login("Moderators")
    data = review_form_data(
        review,
        new_documents=[
            {
                "document": str(document.pk),
                "kind": "overview_report",
                "html_version": "<p>Peter</p><p>Haworth</p>",
            }
        ],
        **{"action-publish": "publish"},
    )

    response = client.post(f"/admin/pages/{review.pk}/edit/", data)

    text = messages_of(response)
    assert (
        "Identifying detail 3 is in this page: page field (web version, document 1 (Overview report))."
        in text
    )
    assert_not_live(review)


def test_an_unreadable_pdf_refuses_publication(index):
    broken = pdf_document(b"%PDF-1.7\nnot really a PDF at all")
    review = draft_with(index, broken)

    message = refused_by_revision_publish(review)

    assert "document 1 (Overview report) could not be read" in message
    assert "upload a PDF the site can read" in message
    assert_not_live(review)


def test_a_review_without_details_listed_cannot_be_published(index):
    review = draft_with(index, pdf_document(make_pdf([CLEAN])))
    draft = review.get_latest_revision_as_object()
    draft.identifying_details = "  \n \n"

    with pytest.raises(ReviewNotReadyToPublish) as raised:
        draft.save_revision().publish()

    assert "the identifying details to check for" in str(raised.value)
    assert_not_live(review)


def test_an_editor_saving_a_draft_is_warned_and_the_draft_is_saved(client, login, index):
    document = pdf_document(edit(make_pdf([CLEAN]), info={"/Author": "Peter Haworth"}))
    review = draft_with(index)
    login("Editors")

    response = client.post(
        f"/admin/pages/{review.pk}/edit/",
        review_form_data(
            review,
            new_documents=[{"document": str(document.pk), "kind": "overview_report", "html_version": ""}],
        ),
        follow=True,
    )

    text = messages_of(response)
    assert "Saved, but this review cannot be published yet" in text
    assert "Identifying detail 3 is in document 1 (Overview report): metadata (Author)." in text
    assert "haworth" not in text.lower()
    latest = ReviewPage.objects.get(pk=review.pk).get_latest_revision_as_object()
    assert [item.document for item in latest.documents.all()] == [document]
    # The editor sees the same on the "Before publishing" tab.
    edit_screen = client.get(f"/admin/pages/{review.pk}/edit/").content.decode()
    assert "Identifying detail 3 is in document 1 (Overview report): metadata (Author)." in edit_screen


def test_the_edit_screen_says_when_nothing_was_found(client, login, index):
    review = draft_with(index, pdf_document(make_pdf([CLEAN])))
    login("Editors")

    html = client.get(f"/admin/pages/{review.pk}/edit/").content.decode()

    assert "Nothing found: 4 identifying details looked for in 1 documents" in html
    # The details are in their own field for the editor, and nowhere else on the screen.
    assert html.count("14 Acacia Avenue") == 1


def test_bulk_publishing_the_section_with_its_drafts_publishes_nothing(client, login, index):
    review = draft_with(index, pdf_document(edit(make_pdf([CLEAN]), info={"/Author": "Peter Haworth"})))
    draft_index = index.get_latest_revision_as_object()
    draft_index.summary = "A new summary for the section."
    draft_index.save_revision()
    login("Moderators")

    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={index.pk}&next=/admin/",
        {"include_descendants": "on"},
        follow=True,
    )

    text = messages_of(response)
    assert "No pages were published." in text
    assert_names_the_place(text, 3, "metadata (Author)")
    assert_not_live(review)
    assert index.__class__.objects.get(pk=index.pk).summary != "A new summary for the section."


def test_a_list_with_nothing_to_look_for_cannot_be_published(index):
    review = draft_with(index, pdf_document(make_pdf([CLEAN])))
    draft = review.get_latest_revision_as_object()
    draft.identifying_details = "---\n..."

    with pytest.raises(ReviewCouldIdentifySomeone) as raised:
        draft.save_revision().publish()

    assert "No identifying details are listed" in str(raised.value)
    assert_not_live(review)

"""Issue 15: a review's documents change only through moderation, and files in the DHR
collection stay private until a published review uses them. As an Editors user through
the admin, on every route the admin offers; a Moderator may, and the review's history
says so."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageLogEntry, WorkflowPage

from demo.pdfs import build_pdf
from dhr.models import ReviewDocument, ReviewPage
from dhr.moderation import COLLECTION_NAME
from home.models import StandardPage
from tests.dhr.builders import make_document, make_index, make_review

pytestmark = pytest.mark.django_db
Document = get_document_model()


@pytest.fixture
def index(home_page):
    return make_index(home_page)


def review_collection():
    return Collection.objects.get(name=COLLECTION_NAME)


def overview_report(review):
    return ReviewDocument.objects.get(page=review, kind="overview_report").document


def new_pdf(name="replacement.pdf", text="A different, unchecked report."):
    return SimpleUploadedFile(name, build_pdf("Replacement", [("Findings", [text])]), "application/pdf")


def file_bytes(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def edit_document(client, document, **changes):
    data = {
        "title": document.title,
        "collection": document.collection_id,
        "tags": "",
        **changes,
    }
    return client.post(f"/admin/documents/edit/{document.pk}/", data)


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def public_state(client, review, document):
    """What a reader gets: the review page and the document's file, fetched anonymously."""
    client.logout()
    page = client.get(review.url)
    state = (page.status_code, page.content, file_bytes(client, document.url))
    return state


# Editors refused


def test_editor_cannot_replace_the_file_of_a_live_reviews_document(client, login, index):
    review = make_review(index, "Amira")
    document = overview_report(review)
    before = public_state(client, review, document)
    login("Editors")

    form_page = client.get(f"/admin/documents/edit/{document.pk}/").content.decode()
    response = edit_document(client, document, file=new_pdf())

    assert "only a moderator can replace, rename or delete it" in form_page
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert f"“overview_report Amira” is used by “{review.title}”" in errors
    assert "upload a new document, attach it in a new draft of the page" in errors
    assert "Domestic homicide review approval" in errors
    document.refresh_from_db()
    assert public_state(client, review, document) == before
    assert not PageLogEntry.objects.filter(page=review, action__startswith="core.document").exists()


def test_editor_cannot_rename_a_live_reviews_document(client, login, index):
    review = make_review(index, "Amira")
    document = overview_report(review)
    login("Editors")

    response = edit_document(client, document, title="Something readers would see")

    assert response.status_code == 200
    assert "only a moderator can replace, rename or delete it" in " ".join(
        response.context["form"].errors["title"]
    )
    assert Document.objects.get(pk=document.pk).title == "overview_report Amira"


@pytest.mark.parametrize("state", ["submitted draft", "scheduled", "draft of a live review"])
def test_editor_cannot_replace_a_document_of_a_review_not_yet_live(client, login, index, state):
    editor = login("Editors")
    if state == "draft of a live review":
        review = make_review(index, "Amira")
        draft = review.get_latest_revision_as_object()
        document = make_document("Home Office letter, Amira")
        draft.documents.add(ReviewDocument(document=document, kind="home_office_letter", sort_order=9))
        draft.save_revision(user=editor)
    else:
        review = make_review(index, "Amira", publish=False)
        draft = review.get_latest_revision_as_object()
        document = draft.documents.first().document
        if state == "scheduled":
            draft.go_live_at = timezone.now() + datetime.timedelta(days=3)
            draft.save_revision(user=editor).publish()
            assert not ReviewPage.objects.get(pk=review.pk).live
        else:
            WorkflowPage.objects.get(page=index).workflow.start(review, editor)
    original = document.file.name

    response = edit_document(client, document, file=new_pdf())

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Document.objects.get(pk=document.pk).file.name == original


def test_editor_cannot_delete_a_live_reviews_document(client, login, index):
    review = make_review(index, "Amira")
    document = overview_report(review)
    before = public_state(client, review, document)
    login("Editors")

    shown = client.get(f"/admin/documents/delete/{document.pk}/", follow=True)
    posted = client.post(f"/admin/documents/delete/{document.pk}/", follow=True)
    uploader = client.post(f"/admin/documents/multiple/{document.pk}/delete/")

    for response in (shown, posted):
        assert response.redirect_chain[-1][0] == f"/admin/documents/edit/{document.pk}/"
        assert any("only a moderator can replace, rename or delete it" in m for m in messages_of(response))
    assert uploader.status_code == 403
    assert "only a moderator can replace, rename or delete it" in uploader.json()["error_message"]
    assert Document.objects.filter(pk=document.pk).exists()
    assert ReviewDocument.objects.filter(document=document).exists()
    assert public_state(client, review, document) == before


def test_editor_cannot_bulk_delete_documents_reviews_use(client, login, index):
    review = make_review(index, "Amira")
    used = overview_report(review)
    unused = make_document("A spare copy")
    before = public_state(client, review, used)
    login("Editors")

    response = client.post(
        f"/admin/bulk/home/cspdocument/delete/?next=/admin/documents/&id={used.pk}&id={unused.pk}",
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/admin/documents/"
    notices = " ".join(messages_of(response))
    assert "No documents were deleted." in notices
    assert f"“overview_report Amira” is used by “{review.title}”" in notices
    assert Document.objects.filter(pk__in=[used.pk, unused.pk]).count() == 2
    assert public_state(client, review, used) == before


def test_documents_used_by_any_page_in_a_workflow_are_protected_too(client, login, home_page):
    document = make_document("Annual report")
    page = StandardPage(
        title="Annual report",
        slug="annual-report",
        summary="Our year.",
        body=[("paragraph", f'<p>Read <a linktype="document" id="{document.pk}">the report</a>.</p>')],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    login("Editors")

    response = edit_document(client, document, file=new_pdf())

    assert "“Annual report” is used by “Annual report”" in " ".join(response.context["form"].errors["file"])


def test_editor_can_still_change_a_document_no_page_uses_and_tag_one_that_is(client, login, index):
    review = make_review(index, "Amira")
    used = overview_report(review)
    unused = make_document("A spare copy")
    login("Editors")

    replaced = edit_document(client, unused, file=new_pdf(), title="Spare copy, corrected")
    tagged = edit_document(client, used, tags="overview")

    assert replaced.status_code == tagged.status_code == 302
    assert Document.objects.get(pk=unused.pk).title == "Spare copy, corrected"
    assert list(Document.objects.get(pk=used.pk).tags.names()) == ["overview"]


# The way to change it: a new document in a new draft, approved by a moderator


def test_a_new_document_in_a_submitted_draft_reaches_readers_only_once_approved(client, login, index):
    review = make_review(index, "Amira")
    old = overview_report(review)
    editor = login("Editors")
    upload = client.post(
        "/admin/dhr/review-document-chooser/create/",
        {
            "document-chooser-upload-title": "Overview report, corrected",
            "document-chooser-upload-file": new_pdf("corrected.pdf", "The corrected report."),
            "document-chooser-upload-collection": review_collection().pk,
            "document-chooser-upload-tags": "",
        },
    )
    assert upload.json()["step"] == "chosen"
    new = Document.objects.get(title="Overview report, corrected")
    draft = ReviewPage.objects.get(pk=review.pk).get_latest_revision_as_object()
    items = list(draft.documents.all())
    for item in items:
        if item.kind == "overview_report":
            item.document = new
    draft.documents = items
    draft.save_revision(user=editor)
    WorkflowPage.objects.get(page=index).workflow.start(ReviewPage.objects.get(pk=review.pk), editor)

    client.logout()
    assert old.url in client.get(review.url).content.decode()
    assert new.url not in client.get(review.url).content.decode()
    assert client.get(new.url).status_code == 404

    login("Moderators")
    state = ReviewPage.objects.get(pk=review.pk).current_workflow_state
    approval = client.post(
        f"/admin/pages/workflow/action/{review.pk}/approve/{state.current_task_state.pk}/",
        {"comment": "Checked"},
    )
    assert approval.status_code == 302

    client.logout()
    page = client.get(review.url).content.decode()
    assert new.url in page and old.url not in page
    assert client.get(new.url).status_code == 200


# Moderators may, and the review's history says so


def test_a_moderators_replacement_shows_in_the_reviews_history(client, login, index):
    review = make_review(index, "Amira")
    document = overview_report(review)
    before = file_bytes(client, document.url)
    moderator = login("Moderators")

    response = edit_document(client, document, file=new_pdf())

    assert response.status_code == 302
    document.refresh_from_db()
    client.logout()
    assert file_bytes(client, document.url) != before
    entry = PageLogEntry.objects.get(page=review, action="core.document_replaced")
    assert entry.user == moderator
    login("Moderators")
    history = client.get(f"/admin/pages/{review.pk}/history/").content.decode()
    assert "File of the document “overview_report Amira” replaced" in history


def test_a_moderators_deletion_shows_in_the_reviews_history(client, login, index):
    review = make_review(index, "Amira")
    document = overview_report(review)
    login("Moderators")

    response = client.post(f"/admin/documents/delete/{document.pk}/")

    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    history = client.get(f"/admin/pages/{review.pk}/history/").content.decode()
    assert "Document “overview_report Amira” deleted" in history


# Private until a published review uses it


@pytest.mark.parametrize("serve_method", ["serve_view", "redirect", "direct"])
def test_a_dhr_collection_document_no_review_uses_is_not_found(client, settings, index, serve_method):
    settings.WAGTAILDOCS_SERVE_METHOD = serve_method
    document = make_document("Overview report, not attached yet")
    document.collection = review_collection()
    document.save()
    path = f"/documents/{document.pk}/{document.filename}"

    assert client.get(path).status_code == 404
    assert client.get(f"/documents/{document.pk}/").status_code == 404
    assert client.get(f"/documents/{document.pk}/{document.filename}?download=1").status_code == 404


def test_a_file_uploaded_from_the_chooser_of_a_review_never_saved_is_private(client, login, index):
    login("Editors")
    add_form = client.get(f"/admin/pages/add/dhr/reviewpage/{index.pk}/").content.decode()
    assert "/admin/dhr/review-document-chooser/" in add_form
    modal = client.get("/admin/dhr/review-document-chooser/").json()["html"]
    assert f'<option value="{review_collection().pk}" selected>' in modal

    response = client.post(
        "/admin/dhr/review-document-chooser/create/",
        {
            "document-chooser-upload-title": "Overview report",
            "document-chooser-upload-file": new_pdf("overview.pdf"),
            "document-chooser-upload-collection": review_collection().pk,
            "document-chooser-upload-tags": "",
        },
    )

    assert response.json()["step"] == "chosen"
    document = Document.objects.get(title="Overview report")
    assert document.collection == review_collection()
    client.logout()
    assert client.get(document.url).status_code == 404


def test_the_review_chooser_takes_no_other_collection(client, login, index):
    login("Editors")

    response = client.post(
        "/admin/dhr/review-document-chooser/create/",
        {
            "document-chooser-upload-title": "Overview report",
            "document-chooser-upload-file": new_pdf("overview.pdf"),
            "document-chooser-upload-collection": Collection.get_first_root_node().pk,
            "document-chooser-upload-tags": "",
        },
    )

    assert response.json()["step"] == "reshow_creation_form"
    assert not Document.objects.filter(title="Overview report").exists()


def test_a_published_reviews_documents_in_the_dhr_collection_still_download(client, index):
    review = make_review(index, "Amira")
    document = overview_report(review)
    document.collection = review_collection()
    document.save()

    assert client.get(document.url).status_code == 200


# Uploads too big


def test_a_file_too_big_gets_only_the_size_message(client, login, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    login("Editors")

    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Big report",
            "file": SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * 2048),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1
    assert "which is more than the 1.0\xa0KB limit" in errors[0]
    assert "not allowed" not in response.content.decode()
    assert not Document.objects.exists()

"""Issue 16: what readers download is clean, and review documents are PDFs. A published
review's PDF carries no author, creator, producer or XMP metadata, only the public link
text as its Title, and editors see what was taken out; a Word file is refused as a review
document however it is attached, while other pages may still offer one."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader
from wagtail.models import Collection

from core.models import CSPDocument
from dhr.choosers import NOT_PDF_MESSAGE
from dhr.models import ReviewDocument, ReviewPage
from dhr.moderation import COLLECTION_NAME
from dhr.publication import ReviewCouldIdentifySomeone
from home.models import StandardPage
from tests.dhr.admin_forms import review_form_data
from tests.dhr.builders import make_index, make_review
from tests.dhr.checked_documents import draft_with, pdf_document
from tests.pdfs import edit, make_pdf
from tests.welsh import offer_welsh, translate, welsh_home

pytestmark = pytest.mark.django_db

# A Word file's first bytes (a zip archive); enough for an upload to be taken as .docx.
DOCX = b"PK\x03\x04" + b"\x00" * 64


def downloaded(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def word_document(title="Overview report (Word)"):
    document = CSPDocument(title=title)
    document.file.save("overview-report.docx", ContentFile(DOCX), save=False)
    document.save()
    return document


def test_a_served_review_pdf_has_no_author_creator_producer_or_xmp(client, login, index):
    data = edit(
        make_pdf(["The panel's findings."]),
        info={"/Author": "Jane Clerk", "/Creator": "Microsoft Word", "/Title": "Draft 3 - final"},
        xmp="Jane Clerk",
    )
    before = PdfReader(io.BytesIO(data))
    assert before.metadata.author == "Jane Clerk" and before.xmp_metadata is not None
    review = draft_with(index, pdf_document(data))

    ReviewPage.objects.get(pk=review.pk).get_latest_revision().publish()

    review = ReviewPage.objects.get(pk=review.pk)
    item = review.documents.get()
    client.logout()
    served = PdfReader(io.BytesIO(downloaded(client, item.document.url)))
    assert dict(served.metadata) == {"/Title": f"Overview report: {review.title}"}
    assert served.xmp_metadata is None
    assert "The panel" in served.pages[0].extract_text()

    login("Editors")
    edit_screen = client.get(f"/admin/pages/{review.pk}/edit/").content.decode().replace("&#x27;", "'")
    assert "Taken out of the documents when the review was published:" in edit_screen
    assert "Author 'Jane Clerk' removed" in edit_screen
    assert "XMP metadata removed" in edit_screen


def test_the_review_chooser_refuses_a_word_file(client, login, index):
    login("Editors")
    collection = Collection.objects.get(name=COLLECTION_NAME)

    response = client.post(
        "/admin/dhr/review-document-chooser/create/",
        {
            "document-chooser-upload-title": "Overview report",
            "document-chooser-upload-file": SimpleUploadedFile("overview.docx", DOCX),
            "document-chooser-upload-collection": collection.pk,
            "document-chooser-upload-tags": "",
        },
    )

    reply = response.json()
    assert reply["step"] == "reshow_creation_form"
    assert str(NOT_PDF_MESSAGE).replace("'", "&#x27;") in reply["htmlFragment"]
    assert not CSPDocument.objects.filter(title="Overview report").exists()


def test_the_review_chooser_lists_only_pdfs(client, login, index):
    pdf = pdf_document(make_pdf(["Findings."]), title="A PDF report")
    word = word_document()
    login("Editors")

    listing = client.get("/admin/dhr/review-document-chooser/").json()["html"]

    assert pdf.title in listing and word.title not in listing


def test_choosing_a_word_file_as_a_review_document_is_refused(client, login, index):
    review = draft_with(index)
    word = word_document()
    login("Editors")

    response = client.post(
        f"/admin/pages/{review.pk}/edit/",
        review_form_data(
            review, new_documents=[{"document": str(word.pk), "kind": "overview_report", "html_version": ""}]
        ),
    )

    assert response.status_code == 200
    assert str(NOT_PDF_MESSAGE).replace("'", "&#x27;") in response.content.decode()
    latest = ReviewPage.objects.get(pk=review.pk).get_latest_revision_as_object()
    assert not latest.documents.all()


def test_a_word_file_attached_some_other_way_is_not_published(index):
    review = draft_with(index)
    draft = review.get_latest_revision_as_object()
    draft.documents = [ReviewDocument(document=word_document(), kind="overview_report")]

    with pytest.raises(ReviewCouldIdentifySomeone) as raised:
        draft.save_revision().publish()

    assert "document 1 (Overview report) is not a PDF: review documents must be PDF files." in str(
        raised.value
    )
    assert not ReviewPage.objects.get(pk=review.pk).live


def test_other_pages_may_still_offer_a_word_file(client, login, home_page):
    login("Editors")
    upload = client.post(
        "/admin/documents/add/",
        {
            "title": "Annual plan (Word)",
            "file": SimpleUploadedFile("annual-plan.docx", DOCX),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert upload.status_code == 302
    word = CSPDocument.objects.get(title="Annual plan (Word)")
    page = StandardPage(
        title="Annual plan",
        slug="annual-plan",
        summary="Our plan for the year.",
        body=[("paragraph", f'<p>Read <a linktype="document" id="{word.pk}">the plan</a>.</p>')],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()

    client.logout()
    assert word.url in client.get(page.url).content.decode()
    assert downloaded(client, word.url) == DOCX


def test_a_welsh_translation_leaves_the_shared_files_titled_in_english(client, home_page, site_settings):
    locale = offer_welsh(site_settings)
    welsh_home(home_page, locale)
    index = make_index(home_page)
    translate(index, locale, title="Adolygiadau dynladdiad domestig", slug="adolygiadau")
    review = make_review(index, "Lesley")

    welsh = translate(review, locale, summary="Crynodeb o adolygiad Lesley.")

    assert welsh.live
    item = review.documents.get(kind="overview_report")
    assert welsh.documents.get(kind="overview_report").document_id == item.document_id
    served = PdfReader(io.BytesIO(downloaded(client, item.document.url)))
    assert served.metadata.title == f"Overview report: {review.title}"

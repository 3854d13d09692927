"""Documents tell readers their type, size and page count, read once on upload."""

import io

import pytest
from django.core.files.base import ContentFile
from fpdf import FPDF

from core.document_text import read_pdf
from core.models import CSPDocument

pytestmark = pytest.mark.django_db


def make_pdf(pages, text="Learning from the review"):
    pdf = FPDF()
    for number in range(pages):
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.cell(text=f"{text} page {number + 1}")
    return bytes(pdf.output())


def test_pdf_page_count_and_text_are_stored_on_upload():
    document = CSPDocument(title="Executive summary")
    document.file.save("summary.pdf", ContentFile(make_pdf(3)), save=False)
    document.save()

    document.refresh_from_db()
    assert document.page_count == 3
    assert "Learning from the review page 2" in document.text_content
    assert document.file_type_label == "PDF"


def test_replacing_the_file_rereads_it():
    document = CSPDocument(title="Report")
    document.file.save("report.pdf", ContentFile(make_pdf(1)), save=False)
    document.save()
    document.file.save("report-v2.pdf", ContentFile(make_pdf(4)), save=False)
    document.save()

    document.refresh_from_db()
    assert document.page_count == 4


def test_broken_pdf_is_saved_without_facts_and_logs_a_warning(caplog):
    document = CSPDocument(title="Broken")
    document.file.save("margaret-haworth.pdf", ContentFile(b"%PDF-1.4 this is not really a pdf"), save=False)
    document.save()

    assert document.pk
    assert document.page_count is None
    assert document.text_content == ""
    assert "Could not read a PDF" in caplog.text
    # A file name may hold the name of someone a review must not identify.
    assert "haworth" not in caplog.text.lower()


def test_non_pdf_files_are_not_read():
    file = ContentFile(b"a,b\n1,2\n", name="data.csv")
    assert read_pdf(file, "csv") == (None, "")


def test_document_listing_shows_type_size_and_pages(home_page, client, site_settings):
    from tests.factories import StandardPageFactory

    site_settings.contact_email = "help@example.org"
    site_settings.save()
    document = CSPDocument(title="Action plan")
    document.file.save("plan.pdf", ContentFile(make_pdf(2)), save=False)
    document.save()
    page = StandardPageFactory(
        parent=home_page,
        body=[("documents", {"heading": "Downloads", "documents": [{"document": document, "title": ""}]})],
    )

    html = client.get(page.url).content.decode()

    assert "Action plan" in html
    assert f"PDF, {document.file_size / 1024:.1f}".rstrip("0").rstrip(".") in html.replace("\xa0", " ")
    assert "2 pages" in html
    assert "Request an accessible format" in html
    # The whole subject is percent-encoded: a space or colon left raw makes the link invalid.
    assert 'href="mailto:help@example.org?subject=Accessible%20format%20request%3A%20Action%20plan"' in html


def test_pdf_bytes_helper_makes_valid_pdfs():
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(make_pdf(2))).pages) == 2


def test_title_help_says_where_readers_see_the_title(client, django_user_model, home_page):
    """The title is the link text of a page's document list, but a review's documents are
    linked by their kind and the review's title: the help says both, not "the link text"."""
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    html = client.get("/admin/documents/add/").content.decode()

    assert "Readers see this as the link text" not in html
    assert "Page document lists link to it by this title" in html
    assert "A review&#x27;s documents are linked by their kind and the review&#x27;s title" in html

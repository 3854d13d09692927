"""Accessible documents: whether a PDF is tagged, has a title and declares its language is
read on upload; readers are warned about a file that is not a tagged PDF and offered an
accessible format; editors see the facts in the document listing and on a review.

PDFs are generated with fpdf2 (untagged, as most office exports without their
accessibility option) and pypdf (the catalogue entries a tagged PDF has)."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from fpdf import FPDF
from pypdf import PdfWriter
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, StreamObject, TextStringObject
from pypdf.xmp import XmpInformation

from core import document_accessibility
from core.document_text import AccessibilityFacts, read_accessibility
from core.models import CSPDocument
from dhr.models import ReviewDocument
from tests.dhr.builders import make_index, make_review

pytestmark = pytest.mark.django_db

NOTICE = "This file may not be suitable for users of assistive technology."


def untagged_pdf(title=None):
    pdf = FPDF()
    if title is not None:
        pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Findings of the review panel.")
    return bytes(pdf.output())


def pdf_with(marked=None, structure=False, title=None, xmp_title=None, language=None, broken_xmp=False):
    """A one-page PDF with the catalogue entries and metadata asked for."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    root = writer.root_object
    if marked is not None:
        root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(marked)})
    if structure:
        tree = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        root[NameObject("/StructTreeRoot")] = writer._add_object(tree)
    if language is not None:
        root[NameObject("/Lang")] = TextStringObject(language)
    if title is not None:
        writer.add_metadata({"/Title": title})
    if xmp_title is not None:
        xmp = XmpInformation.create()
        xmp.dc_title = {"x-default": xmp_title}
        writer.xmp_metadata = xmp
    if broken_xmp:
        stream = StreamObject()
        stream.set_data(b"<x:xmpmeta><rdf:RDF not closed")
        stream[NameObject("/Type")] = NameObject("/Metadata")
        root[NameObject("/Metadata")] = writer._add_object(stream)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def tagged_pdf():
    return pdf_with(marked=True, structure=True, title="Overview report", language="en-GB")


def upload(title, content, name="report.pdf"):
    document = CSPDocument(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    document.refresh_from_db()
    return document


def facts(content, extension="pdf"):
    return read_accessibility(ContentFile(content, name=f"file.{extension}"), extension)


# Reading the facts -------------------------------------------------------------


def test_a_tagged_pdf_with_a_title_and_language():
    assert facts(tagged_pdf()) == AccessibilityFacts(tagged=True, has_title=True, language="en-GB")


def test_an_office_export_without_tags_title_or_language():
    assert facts(untagged_pdf()) == AccessibilityFacts(tagged=False, has_title=False, language="")


@pytest.mark.parametrize(
    ("entries", "tagged"),
    [
        ({"marked": True, "structure": False}, False),  # says it is marked, but has no tags
        ({"marked": False, "structure": True}, False),  # has a tree, but says it is not marked
        ({"marked": True, "structure": True}, True),
    ],
)
def test_tagged_needs_both_the_marked_flag_and_a_structure_tree(entries, tagged):
    assert facts(pdf_with(**entries)).tagged is tagged


@pytest.mark.parametrize(
    ("metadata", "has_title"),
    [
        ({"title": "Action plan"}, True),
        ({"xmp_title": "Action plan"}, True),
        ({"title": "   "}, False),
        ({"xmp_title": ""}, False),
        ({}, False),
    ],
)
def test_a_title_from_document_information_or_xmp_and_not_blank(metadata, has_title):
    assert facts(pdf_with(**metadata)).has_title is has_title


@pytest.mark.parametrize(("declared", "kept"), [("cy", "cy"), (" en-GB ", "en-GB"), ("not a language!", "")])
def test_the_language_is_the_catalogues_lang_when_it_is_a_language_tag(declared, kept):
    assert facts(pdf_with(language=declared)).language == kept


def test_broken_xmp_counts_as_no_title_and_the_other_facts_are_still_read():
    content = pdf_with(marked=True, structure=True, language="cy", broken_xmp=True)

    assert facts(content) == AccessibilityFacts(tagged=True, has_title=False, language="cy")


def test_a_broken_pdf_has_no_facts_and_still_uploads(caplog):
    document = upload("Broken", b"%PDF-1.4 this is not really a pdf")

    assert document.pk
    assert (document.pdf_tagged, document.pdf_has_title, document.pdf_language) == (None, None, "")
    assert "Could not read the accessibility facts" in caplog.text


def test_other_files_have_no_facts():
    document = upload("Figures", b"a,b\n1,2\n", name="figures.csv")

    assert (document.pdf_tagged, document.pdf_has_title) == (None, None)
    assert document_accessibility.describe(document) == "Not a PDF"


def test_facts_are_stored_on_upload_and_read_again_when_the_file_is_replaced():
    document = upload("Overview report", untagged_pdf())
    assert document.pdf_tagged is False

    document.file.save("report-v2.pdf", ContentFile(tagged_pdf()), save=False)
    document.save()
    document.refresh_from_db()

    assert (document.pdf_tagged, document.pdf_has_title, document.pdf_language) == (True, True, "en-GB")


def test_the_facts_in_words():
    assert document_accessibility.describe(upload("A", tagged_pdf())) == "Tagged, title, British English"
    assert document_accessibility.describe(upload("B", untagged_pdf())) == "Not tagged, no title, no language"
    assert document_accessibility.describe(upload("C", pdf_with(language="cy"))) == (
        "Not tagged, no title, Welsh"
    )


# Readers -----------------------------------------------------------------------


def document_items(html):
    """Each document's list item, by the start of its link text ("Overview report: …")."""
    soup = BeautifulSoup(html, "html.parser")
    return {
        item.select_one(".app-document__link").get_text(strip=True).split(":")[0]: item
        for item in soup.select("li.app-document")
        if item.select_one(".app-document__link")
    }


def test_an_untagged_pdf_on_a_review_warns_and_offers_an_accessible_format_a_tagged_one_does_not(
    home_page, client, site_settings
):
    site_settings.contact_email = "help@example.org"
    site_settings.save()
    review = make_review(make_index(home_page), "Avery", publish=False, documents=False)
    for order, (kind, document) in enumerate(
        [
            ("overview_report", upload("Overview report", untagged_pdf())),
            ("executive_summary", upload("Executive summary", tagged_pdf())),
        ]
    ):
        review.documents.add(ReviewDocument(document=document, kind=kind, sort_order=order))
    review.save_revision().publish()

    items = document_items(client.get(review.url).content.decode())

    untagged = items["Overview report"]
    assert NOTICE in untagged.get_text()
    link = untagged.select_one(".app-document__format a")
    assert link.get_text(" ", strip=True).startswith("Request an accessible format")
    assert link["href"].startswith("mailto:help@example.org?subject=")
    tagged = items["Executive summary"]
    assert NOTICE not in tagged.get_text()
    assert tagged.select_one(".app-document__format") is None


# Editors -----------------------------------------------------------------------


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("editor-docs", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def listing_rows(response):
    soup = BeautifulSoup(response.content, "html.parser")
    headers = [th.get_text(" ", strip=True) for th in soup.select("table thead th")]
    column = headers.index("Accessibility")
    rows = {}
    for row in soup.select("table tbody tr"):
        cells = row.select("td")
        rows[cells[1].get_text(" ", strip=True)] = cells[column].get_text(" ", strip=True)
    return rows


def test_the_document_listing_shows_each_documents_accessibility_to_an_editor(editor_client):
    upload("Tagged report", tagged_pdf())
    upload("Untagged report", untagged_pdf())

    rows = listing_rows(editor_client.get(reverse("wagtaildocs:index")))

    assert rows["Tagged report"] == "Tagged, title, British English"
    assert rows["Untagged report"] == "Not tagged, no title, no language"


def test_searching_the_listing_keeps_the_column(editor_client):
    upload("Untagged report", untagged_pdf())
    upload("Other", tagged_pdf())

    rows = listing_rows(editor_client.get(reverse("wagtaildocs:index_results"), {"q": "Untagged"}))

    assert rows == {"Untagged report": "Not tagged, no title, no language"}


def test_the_reviews_edit_screen_lists_its_documents_accessibility(home_page, admin_client):
    review = make_review(make_index(home_page), "Blake", publish=False, documents=False)
    review.documents.add(
        ReviewDocument(
            document=upload("Blake overview", untagged_pdf()), kind="overview_report", sort_order=0
        )
    )
    review.save_revision()

    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[review.pk])).content.decode()

    assert "Blake overview</strong>: Not tagged, no title, no language" in html


# Upgrading ---------------------------------------------------------------------


def test_the_command_fills_the_facts_of_documents_uploaded_before_and_can_run_again(capsys):
    tagged, untagged = upload("Old tagged", tagged_pdf()), upload("Old untagged", untagged_pdf())
    broken = upload("Old broken", b"%PDF-1.4 broken")
    CSPDocument.objects.update(pdf_tagged=None, pdf_has_title=None, pdf_language="")

    call_command("read_document_facts")
    first = capsys.readouterr().out
    call_command("read_document_facts")
    second = capsys.readouterr().out

    values = dict(CSPDocument.objects.values_list("pk", "pdf_tagged"))
    assert values == {tagged.pk: True, untagged.pk: False, broken.pk: None}
    assert CSPDocument.objects.get(pk=tagged.pk).pdf_language == "en-GB"
    assert "for 2 PDF(s); 1 could not be read" in first
    assert "for 0 PDF(s); 1 could not be read" in second


def test_the_accessibility_statement_explains_documents_and_how_to_ask_for_another_format(demo_site, client):
    text = BeautifulSoup(client.get("/accessibility-statement/").content, "html.parser").main.get_text(" ")

    assert "PDFs written by other organisations" in text
    assert "This file may not be suitable for users of assistive technology" in text
    assert "request an accessible format" in text

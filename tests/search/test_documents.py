"""Words inside PDFs find the page that lists them; documents themselves are never results.

PDFs are generated with fpdf2. The upload path is the Wagtail admin, as editors use it."""

import logging

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import CSPDocument
from home.models import StandardPage

from .conftest import documents_body, make_document, make_pdf

pytestmark = pytest.mark.django_db

PHRASE = "quarterly marmalade lighthouse"


def result_links(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [(a.get_text(strip=True), a["href"]) for a in html.select(".app-search-result__title a")]


def test_phrase_only_inside_a_pdf_finds_the_page_that_lists_it(client, add_page):
    report = make_document("Overview report", "Findings of the review.", f"The {PHRASE} recommendation.")
    add_page("Review of the death of Lesley", body=documents_body(report), slug="lesley")
    add_page("Unrelated page")

    response = client.get("/search/?q=marmalade+lighthouse")

    assert result_links(response) == [("Review of the death of Lesley", "/lesley/")]
    assert "/documents/" not in "".join(href for _, href in result_links(response))


def test_text_of_documents_on_a_draft_page_is_not_found(client, add_page):
    report = make_document("Draft report", f"The {PHRASE} recommendation.")
    page = add_page("Review still in draft", body=documents_body(report))
    page.unpublish()

    assert result_links(client.get("/search/?q=marmalade")) == []


def test_document_list_text_feeds_search_document_text(add_page):
    first = make_document("First", "Alpha text.")
    second = make_document("Second", "Bravo text.")
    page = add_page("Two reports", body=documents_body(first, second))

    text = StandardPage.objects.get(pk=page.pk).search_document_text()

    assert "Alpha text." in text and "Bravo text." in text


def test_replacing_a_documents_file_updates_the_page_in_search(client, add_page):
    report = make_document("Action plan", "Old wording about kittiwakes.")
    add_page("Action plan page", body=documents_body(report))
    assert len(result_links(client.get("/search/?q=kittiwakes"))) == 1

    report.file.save("action-plan-v2.pdf", ContentFile(make_pdf("New wording about guillemots.")), save=False)
    report.save()

    assert result_links(client.get("/search/?q=kittiwakes")) == []
    assert len(result_links(client.get("/search/?q=guillemots"))) == 1


def test_deleting_a_document_removes_its_text_from_search(client, add_page):
    report = make_document("Letter", "A letter about shearwaters.")
    add_page("Letters page", body=documents_body(report))
    assert len(result_links(client.get("/search/?q=shearwaters"))) == 1

    report.delete()

    assert result_links(client.get("/search/?q=shearwaters")) == []


def test_pdf_uploaded_through_the_admin_becomes_searchable(admin_client, client, add_page):
    upload = SimpleUploadedFile(
        "executive-summary.pdf", make_pdf(f"Summary with the {PHRASE}."), content_type="application/pdf"
    )
    response = admin_client.post("/admin/documents/add/", {"title": "Executive summary", "file": upload})
    assert response.status_code == 302

    document = CSPDocument.objects.get(title="Executive summary")
    assert document.page_count == 1
    assert PHRASE in document.text_content
    add_page("Review with summary", body=documents_body(document))

    assert [title for title, _ in result_links(client.get("/search/?q=lighthouse"))] == [
        "Review with summary"
    ]


def test_broken_pdf_uploaded_through_the_admin_is_saved_with_a_warning(admin_client, caplog):
    upload = SimpleUploadedFile(
        "broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", content_type="application/pdf"
    )

    with caplog.at_level(logging.WARNING, logger="core.document_text"):
        response = admin_client.post(
            "/admin/documents/multiple/add/",
            {"files[]": upload},
            headers={"x-requested-with": "XMLHttpRequest"},
        )

    assert response.status_code == 200
    assert response.json()["success"] is True
    document = CSPDocument.objects.get(pk=response.json()["doc_id"])
    assert (document.page_count, document.text_content) == (None, "")
    assert document.file.size > 0
    assert any("Could not read a PDF" in record.getMessage() for record in caplog.records)


def test_a_document_no_page_lists_is_never_a_result(client, home_page):
    make_document("Standalone report", f"The {PHRASE} stands alone.")

    assert result_links(client.get("/search/?q=marmalade")) == []

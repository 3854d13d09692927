"""Upload rules (file types and sizes, refused with a clear message and nothing stored)
and the headers documents are downloaded with."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()


@pytest.fixture
def admin(client, superuser):
    client.force_login(superuser)
    return client


def stored_files(folder):
    root = Path(settings.MEDIA_ROOT) / folder
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def pdf_bytes():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Annual report")
    return bytes(pdf.output())


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "A document",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {
            "title": "An image",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def file_errors(response):
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


@pytest.mark.parametrize(
    "name", ["drawing.svg", "page.html", "page.htm", "script.js", "macro.docm", "archive.zip", "run.exe"]
)
def test_documents_of_other_types_are_refused_and_nothing_is_stored(admin, name):
    response = upload_document(admin, name, b"<svg onload=alert(1)></svg>")

    assert response.status_code == 200
    assert "is not allowed" in file_errors(response)
    assert Document.objects.count() == 0
    assert stored_files("documents") == []


@pytest.mark.parametrize(
    "name", ["report.pdf", "minutes.docx", "data.csv", "notes.txt", "plan.odt", "sheet.xlsx"]
)
def test_allowed_document_types_are_accepted(admin, name):
    content = pdf_bytes() if name.endswith(".pdf") else b"content"

    response = upload_document(admin, name, content)

    assert response.status_code == 302
    assert Document.objects.count() == 1


def test_oversize_document_is_refused_with_a_clear_message(admin, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024

    response = upload_document(admin, "big.pdf", b"%PDF-1.4" + b"0" * 2048)

    assert response.status_code == 200
    message = file_errors(response)
    assert "This file is 2.0\xa0KB, which is more than the 1.0\xa0KB limit" in message
    assert "Make it smaller" in message
    assert Document.objects.count() == 0
    assert stored_files("documents") == []


def test_document_form_states_the_limit_and_types(admin):
    response = admin.get("/admin/documents/add/")

    assert b"Up to 20.0" in response.content
    assert b"PDF, DOCX, ODT, XLSX, ODS, CSV, RTF, TXT" in response.content


def test_multiple_upload_also_refuses_other_types(admin):
    response = admin.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("evil.svg", b"<svg/>")},
    )

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert Document.objects.count() == 0
    assert stored_files("documents") == []


@pytest.mark.parametrize("name", ["logo.svg", "icon.bmp", "photo.tiff", "photo.heic", "photo.avif"])
def test_images_of_other_types_are_refused(admin, name):
    response = upload_image(admin, name, png_bytes())

    assert response.status_code == 200
    assert file_errors(response)
    assert Image.objects.count() == 0
    assert stored_files("original_images") == []


@pytest.mark.parametrize("name", ["photo.png", "photo.jpg"])
def test_allowed_images_are_accepted(admin, name):
    content = png_bytes()
    if name.endswith(".jpg"):
        buffer = io.BytesIO()
        PILImage.new("RGB", (40, 30)).save(buffer, "JPEG")
        content = buffer.getvalue()

    response = upload_image(admin, name, content)

    assert response.status_code == 302
    assert Image.objects.count() == 1


def test_oversize_image_is_refused_with_a_clear_message(admin, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100

    response = upload_image(admin, "photo.png", png_bytes((300, 300)))

    assert response.status_code == 200
    assert "which is more than the 100\xa0bytes limit" in file_errors(response)
    assert Image.objects.count() == 0
    assert stored_files("original_images") == []


def make_document(name, content):
    document = Document(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def test_pdf_downloads_inline_with_a_safe_type_and_no_sniffing(client, home_page):
    document = make_document("report.pdf", pdf_bytes())

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("minutes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("figures.csv", "text/csv"),
        ("letter.rtf", "application/rtf"),
    ],
)
def test_other_documents_download_as_attachments(client, home_page, name, content_type):
    document = make_document(name, b"<html><script>alert(1)</script></html>")

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment")
    assert name in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"

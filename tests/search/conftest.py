"""Builders for search tests: pages in each section, PDFs and an admin client."""

import uuid

import pytest
from django.core.files.base import ContentFile
from fpdf import FPDF

from core.models import CSPDocument
from tests.factories import StandardPageFactory


def make_pdf(*paragraphs):
    """A small real PDF holding ``paragraphs``, as bytes."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for text in paragraphs:
        pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_document(title, *paragraphs):
    document = CSPDocument(title=title)
    document.file.save(
        f"{title.lower().replace(' ', '-')}.pdf", ContentFile(make_pdf(*paragraphs)), save=False
    )
    document.save()
    return document


def documents_body(*documents, text="Reports for this page."):
    return [
        {"type": "paragraph", "value": f"<p>{text}</p>"},
        {
            "type": "documents",
            "value": {
                "heading": "Reports",
                "documents": [
                    {"type": "item", "value": {"document": doc.pk, "title": ""}, "id": str(uuid.uuid4())}
                    for doc in documents
                ],
            },
        },
    ]


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def add_page(home_page):
    """Create and publish a standard page: ``add_page("Title", parent=..., summary=..., body_text=...)``."""

    def add(
        title, parent=None, summary="A page used in search tests.", body_text="Plain body text.", **fields
    ):
        fields.setdefault("body", [{"type": "paragraph", "value": f"<p>{body_text}</p>"}])
        page = StandardPageFactory(parent=parent or home_page, title=title, summary=summary, **fields)
        return publish(page)

    return add


@pytest.fixture
def sections(add_page):
    """Top-level pages for each section, as on the real site."""
    return {
        "reviews": add_page(
            "Domestic homicide reviews", slug="domestic-homicide-reviews", show_in_menus=True
        ),
        "duties": add_page("Statutory duties", slug="statutory-duties", show_in_menus=True),
        "workstreams": add_page("Workstreams", slug="workstreams", show_in_menus=True),
        "contact": add_page("Contact us", slug="contact", show_in_menus=True),
    }


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "password")
    client.force_login(user)
    return client

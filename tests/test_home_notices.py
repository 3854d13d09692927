"""The home page takes notices (a callout, warning, paragraph, document list or accordion)
from the site's shared blocks: an editor adds them through the admin, readers see them
under the introduction."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.models import CSPDocument
from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture
def document(db):
    document = CSPDocument(title="Community safety strategy 2025 to 2028")
    document.file.save("strategy.txt", ContentFile(b"The strategy."), save=False)
    document.save()
    return document


def home_form(home_page, notices):
    return nested_form_data(
        {
            "title": home_page.title,
            "slug": home_page.slug,
            "summary": home_page.summary or "Who we are.",
            "intro": rich_text("Welcome."),
            "notices": streamfield(notices),
            "about_csp": rich_text("Set up under the Crime and Disorder Act 1998."),
            "partners_intro": "",
            "partners": inline_formset([]),
            "priorities": streamfield([]),
            "featured_sections": streamfield([]),
            "last_reviewed": "2026-01-01",
            "next_review_due": "2027-01-01",
        }
    )


def test_an_editor_adds_notices_and_readers_see_them(editor_client, client, home_page, document):
    data = home_form(
        home_page,
        [
            ("callout", {"text": rich_text("Our new strategy is out.")}),
            (
                "documents",
                {
                    "heading": "Read the strategy",
                    "documents": streamfield([("item", {"document": document.pk, "title": ""})]),
                },
            ),
            (
                "accordion",
                {
                    "sections": streamfield(
                        [("item", {"heading": "What it covers", "content": rich_text("Five priorities.")})]
                    )
                },
            ),
        ],
    )

    response = editor_client.post(f"/admin/pages/{home_page.pk}/edit/", data)

    assert response.status_code == 302, response.content[:3000]
    draft = HomePage.objects.get(pk=home_page.pk).get_latest_revision_as_object()
    assert [block.block_type for block in draft.notices] == ["callout", "documents", "accordion"]
    # The editor checks it in the preview before a moderator publishes it.
    preview = editor_client.post(f"/admin/pages/{home_page.pk}/edit/preview/", data)
    assert preview.json()["is_valid"]
    assert (
        b"Our new strategy is out." in editor_client.get(f"/admin/pages/{home_page.pk}/edit/preview/").content
    )

    HomePage.objects.get(pk=home_page.pk).get_latest_revision().publish()
    client.logout()
    html = BeautifulSoup(client.get("/").content, "html.parser")

    notices_shown = html.select_one(".app-notices")
    assert notices_shown is not None
    assert "Our new strategy is out." in notices_shown.select_one(".govuk-inset-text").get_text()
    assert notices_shown.select_one("h2").get_text(strip=True) == "Read the strategy"
    assert "Community safety strategy 2025 to 2028" in notices_shown.select_one(".app-documents").get_text()
    assert "What it covers" in notices_shown.select_one(".govuk-accordion").get_text()
    # Under the introduction, before the rest of the page.
    assert html.find("h1").find_next("div", class_="app-notices") is notices_shown


def test_no_notices_no_empty_box(client, home_page):
    assert b"app-notices" not in client.get("/").content

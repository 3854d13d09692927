"""Editors can build each home-app page type through the admin, with help on every field."""

import pytest
from wagtail.admin.panels import get_edit_handler
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.models import AlertBanner, SiteSettings
from home.models import HomePage, HomePagePartner, StandardPage
from tests.helpers import field_help_gaps

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "password")
    client.force_login(user)
    return client


def test_editor_creates_and_publishes_a_standard_page(admin_client, home_page):
    data = nested_form_data(
        {
            "title": "Support for victims",
            "slug": "support-for-victims",
            "summary": "Where to find support.",
            "body": streamfield(
                [
                    ("heading", {"text": "Local services", "level": "h2"}),
                    ("paragraph", rich_text("Support is free.")),
                    ("warning", {"text": "In danger now? Call 999."}),
                ]
            ),
            "last_reviewed": "2026-01-01",
            "next_review_due": "2027-01-01",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/home/standardpage/{home_page.pk}/", data)

    assert response.status_code == 302, response.content[:2000]
    page = StandardPage.objects.get(slug="support-for-victims")
    assert page.live
    assert [block.block_type for block in page.body] == ["heading", "paragraph", "warning"]
    public = admin_client.get("/support-for-victims/")
    assert b"Support is free." in public.content


def test_publishing_without_a_summary_is_refused_with_a_message(admin_client, home_page):
    data = nested_form_data(
        {
            "title": "No summary",
            "slug": "no-summary",
            "summary": "",
            "body": streamfield([("paragraph", rich_text("Text"))]),
            "last_reviewed": "2026-01-01",
            "next_review_due": "2027-01-01",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/home/standardpage/{home_page.pk}/", data)

    assert response.status_code == 200
    assert not StandardPage.objects.filter(slug="no-summary").exists()
    assert b"This field is required" in response.content


def test_review_due_must_follow_last_review(admin_client, home_page):
    data = nested_form_data(
        {
            "title": "Dates wrong",
            "slug": "dates-wrong",
            "summary": "Summary",
            "body": streamfield([("paragraph", rich_text("Text"))]),
            "last_reviewed": "2026-06-01",
            "next_review_due": "2026-01-01",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/home/standardpage/{home_page.pk}/", data)

    assert not StandardPage.objects.filter(slug="dates-wrong").exists()
    assert b"The next review must be after the last review." in response.content


class TestPageShape(WagtailTestUtils):
    def test_standard_pages_go_under_home_or_standard_pages_only(self):
        assert StandardPage.allowed_parent_page_models() == [HomePage, StandardPage]

    def test_only_one_home_page(self):
        assert HomePage.max_count == 1


def test_editor_edits_home_page_partners(admin_client, home_page):
    data = nested_form_data(
        {
            "title": home_page.title,
            "slug": home_page.slug,
            "summary": home_page.summary,
            "intro": rich_text("Welcome."),
            "notices": streamfield([]),
            "about_csp": rich_text("Set up under the Crime and Disorder Act 1998."),
            "partners_intro": "",
            "partners": inline_formset(
                [
                    {
                        "name": "Millshire Police",
                        "role": "Responsible authority",
                        "url": "",
                        "is_responsible_authority": "on",
                    },
                ]
            ),
            "priorities": streamfield(
                [("priority", {"title": "Domestic abuse", "description": "Earlier help."})]
            ),
            "featured_sections": streamfield([]),
            "last_reviewed": "2026-01-01",
            "next_review_due": "2027-01-01",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{home_page.pk}/edit/", data)

    assert response.status_code == 302, response.content[:3000]
    home = HomePage.objects.get(pk=home_page.pk)
    assert [p.name for p in home.partners.all()] == ["Millshire Police"]
    assert b"Earlier help." in admin_client.get("/").content


def test_editor_can_preview_a_standard_page(admin_client, home_page):
    data = nested_form_data(
        {
            "title": "Preview me",
            "slug": "preview-me",
            "summary": "A preview.",
            "body": streamfield([("paragraph", rich_text("Preview body"))]),
            "last_reviewed": "2026-01-01",
            "next_review_due": "2027-01-01",
        }
    )
    url = f"/admin/pages/add/home/standardpage/{home_page.pk}/preview/"
    posted = admin_client.post(url, data)
    assert posted.json()["is_valid"]
    shown = admin_client.get(url)
    assert b"Preview body" in shown.content


@pytest.mark.parametrize("model", [HomePage, StandardPage, HomePagePartner, SiteSettings, AlertBanner])
def test_every_field_has_help_text(model):
    exempt = {"site", "page", "sort_order"}
    if model is AlertBanner:
        exempt |= set()
    assert field_help_gaps(model, exempt=exempt) == []


def test_alert_banner_edit_form_builds(admin_client):
    response = admin_client.get("/admin/snippets/home/alertbanner/add/")
    assert response.status_code == 200
    assert get_edit_handler(AlertBanner)


def test_site_settings_edit_page_loads(admin_client, site):
    response = admin_client.get(f"/admin/settings/home/sitesettings/{site.pk}/")
    assert response.status_code == 200
    assert b"Exit this page" in response.content

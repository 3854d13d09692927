"""Editors build the section through the admin: every field explained, titles made for
them, previews working, and the private checklist kept private."""

import datetime

import pytest
import time_machine
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dhr.models import (
    DHRIndexPage,
    KeyFinding,
    LearningPage,
    Recommendation,
    RequestCopyFormField,
    RequestCopyFormPage,
    ReviewDocument,
    ReviewPage,
)
from home.models import HomePage
from tests.dhr.builders import READY, make_document, make_index, make_request_form, make_review
from tests.helpers import field_help_gaps

pytestmark = pytest.mark.django_db

PRIVATE_NOTE = "Spoke to the sister on Tuesday; zanzibarquokka"


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def index(home_page):
    return make_index(home_page)


@pytest.mark.parametrize(
    "model",
    [
        DHRIndexPage,
        ReviewPage,
        ReviewDocument,
        KeyFinding,
        Recommendation,
        LearningPage,
        RequestCopyFormPage,
        RequestCopyFormField,
    ],
)
def test_every_field_has_help_text(model):
    assert field_help_gaps(model, exempt={"page", "sort_order", "clean_name"}) == []


def test_page_shape():
    assert DHRIndexPage.allowed_parent_page_models() == [HomePage]
    assert DHRIndexPage.max_count == 1
    assert set(DHRIndexPage.allowed_subpage_models()) == {ReviewPage, RequestCopyFormPage, LearningPage}
    assert RequestCopyFormPage.max_count == 1
    assert ReviewPage.allowed_subpage_models() == []
    assert all(model.always_show_exit_button for model in (DHRIndexPage, ReviewPage, RequestCopyFormPage))


def test_editor_creates_and_publishes_a_review(admin_client, index):
    document = make_document("Overview report for Lesley")
    data = nested_form_data(
        {
            "summary": "Lesley was killed by her husband.",
            "pseudonym": "Lesley",
            "review_type": "dhr",
            "death_month": "3",
            "death_year": "2022",
            "joint_review_with": "",
            "home_office_approval_date": "2024-01-10",
            "publication_date": "",
            "keep_online_until": "",
            "executive_summary": rich_text("What the review found."),
            "key_findings": inline_formset([]),
            "recommendations": inline_formset([]),
            "documents": inline_formset(
                [{"document": str(document.pk), "kind": "overview_report", "html_version": rich_text("")}]
            ),
            "checklist_pseudonym_agreed": "on",
            "checklist_family_told": "on",
            "checklist_documents_anonymised": "on",
            "checklist_home_office_approved": "on",
            "private_notes": PRIVATE_NOTE,
            "identifying_details": "Margaret Haworth",
            "slug": "",
            "seo_title": "",
            "search_description": "",
            "last_reviewed": "2026-01-01",
            "next_review_due": "2027-01-01",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/dhr/reviewpage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    review = ReviewPage.objects.get(pseudonym="Lesley")
    assert review.title == "Domestic Homicide Review into the death of 'Lesley'"
    assert review.slug == "lesley"
    assert review.live
    assert review.publication_date is not None and review.expire_at is not None
    assert [item.document for item in review.documents.all()] == [document]

    public = admin_client.get("/domestic-homicide-reviews/lesley/").content.decode()
    assert "What the review found." in public
    assert "Overview report: Domestic Homicide Review into the death of &#x27;Lesley&#x27;" in public


def test_slug_is_made_unique_from_the_pseudonym(admin_client, index):
    make_review(index, "Lesley")
    data = nested_form_data(
        {
            "summary": "A second review with the same pseudonym.",
            "pseudonym": "Lesley",
            "review_type": "susr",
            "executive_summary": rich_text(""),
            "key_findings": inline_formset([]),
            "recommendations": inline_formset([]),
            "documents": inline_formset([]),
            "slug": "",
            "last_reviewed": "2026-01-01",
            "next_review_due": "2027-01-01",
        }
    )
    response = admin_client.post(f"/admin/pages/add/dhr/reviewpage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    second = ReviewPage.objects.get(review_type="susr")
    assert second.slug == "lesley-2"
    assert second.title == "Single Unified Safeguarding Review into the death of 'Lesley'"
    assert not second.live


def test_month_of_death_needs_a_year(admin_client, index):
    review = make_review(index, "Lesley", publish=False)
    data = nested_form_data(
        {
            "summary": review.summary,
            "pseudonym": "Lesley",
            "review_type": "dhr",
            "death_month": "3",
            "death_year": "",
            "executive_summary": rich_text(""),
            "key_findings": inline_formset([]),
            "recommendations": inline_formset([]),
            "documents": inline_formset([]),
            "slug": review.slug,
            "last_reviewed": "2026-01-01",
            "next_review_due": "2027-01-01",
        }
    )
    response = admin_client.post(f"/admin/pages/{review.pk}/edit/", data)
    assert "Enter the year of death, or leave the month blank." in response.content.decode()


def test_editor_creates_the_index_and_request_form(admin_client, home_page):
    data = nested_form_data(
        {
            "title": "Domestic homicide reviews",
            "slug": "domestic-homicide-reviews",
            "summary": "Reviews and guidance.",
            "body": streamfield([("paragraph", rich_text("What a review is."))]),
            "last_reviewed": "2026-01-01",
            "next_review_due": "2027-01-01",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/dhr/dhrindexpage/{home_page.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    index = DHRIndexPage.objects.get()

    data = nested_form_data(
        {
            "title": "Request a copy",
            "slug": "request-a-copy",
            "summary": "Ask for a copy of a review.",
            "intro": rich_text("Tell us which review."),
            "form_fields": inline_formset(
                [
                    {"label": "Your name", "field_type": "singleline", "required": "on", "help_text": ""},
                    {"label": "Email address", "field_type": "email", "required": "on", "help_text": ""},
                ]
            ),
            "thank_you_text": rich_text("Thank you."),
            "last_reviewed": "2026-01-01",
            "next_review_due": "2027-01-01",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/dhr/requestcopyformpage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    form_html = admin_client.get("/domestic-homicide-reviews/request-a-copy/").content.decode()
    assert 'id="id_your_name"' in form_html
    assert 'autocomplete="email"' in form_html or 'id="id_email_address"' in form_html


def test_editor_can_preview_each_page_type(admin_client, index):
    review = make_review(index, "Lesley")
    form_page = make_request_form(index)
    for page, mode in [(index, ""), (review, ""), (form_page, "form"), (form_page, "landing")]:
        response = page.make_preview_request(preview_mode=mode)
        if hasattr(response, "render"):
            response.render()
        assert response.status_code == 200, page
        html = response.content.decode().replace("&#x27;", "'")
        assert (page.title if mode != "landing" else "Request sent") in html


def test_edit_screen_has_the_private_checklist_tab(admin_client, index):
    review = make_review(index, "Lesley")
    html = admin_client.get(f"/admin/pages/{review.pk}/edit/").content.decode()
    assert "Before publishing" in html
    assert "Only editors see this tab" in html


def test_checklist_and_private_notes_never_reach_readers(client, index):
    review = make_review(index, "Lesley", private_notes=PRIVATE_NOTE)
    html = client.get(review.url).content.decode() + client.get(index.url).content.decode()
    assert "zanzibarquokka" not in html
    assert "family agreed the pseudonym" not in html
    assert "anonymised" not in html.lower().replace("reports are anonymised", "")

    indexed = {field.field_name for field in ReviewPage.get_search_fields()}
    assert indexed.isdisjoint({"private_notes", *[name for name in READY if name.startswith("checklist_")]})
    assert "search_document_text" in indexed
    assert not Page.objects.live().search("zanzibarquokka")
    assert 'class="app-search-result"' not in client.get("/search/", {"q": "zanzibarquokka"}).content.decode()
    assert "zanzibarquokka" not in client.get("/sitemap.xml").content.decode()
    # There is no content API; if one is added, it must not expose these fields.
    assert client.get("/api/v2/pages/", {"type": "dhr.ReviewPage", "fields": "*"}).status_code == 404


def test_document_text_is_searchable(client, index):
    review = make_review(index, "Lesley")
    assert "Report text about Lesley." in review.search_document_text()
    results = client.get("/search/", {"q": "Report text about Lesley"}).content.decode()
    assert review.url in results


def test_publication_date_after_approval(admin_client, index):
    review = make_review(index, "Lesley", publish=False)
    review.publication_date = datetime.date(2023, 1, 1)
    review.home_office_approval_date = datetime.date(2024, 1, 1)
    with pytest.raises(Exception, match="only be published after the Home Office approved it"):
        review.full_clean()


def test_dashboard_lists_reviews_coming_down_within_30_days(admin_client, index):
    with time_machine.travel(datetime.datetime(2025, 3, 3, 12, tzinfo=datetime.UTC), tick=False):
        soon = make_review(index, "Lesley", publication_date=datetime.date(2025, 3, 3))
        later = make_review(
            index,
            "Amira",
            publication_date=datetime.date(2025, 3, 3),
            keep_online_until=datetime.date(2026, 12, 31),
        )
    with time_machine.travel(datetime.datetime(2026, 2, 20, 12, tzinfo=datetime.UTC), tick=False):
        html = admin_client.get("/admin/").content.decode().replace("&#x27;", "'")
    assert "Reviews coming down soon" in html
    assert soon.title in html
    assert "2 March 2026" in html
    assert later.title not in html

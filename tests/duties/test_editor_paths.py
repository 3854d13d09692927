"""Editors can build the statutory duties and workstreams sections through the admin,
only in the shape docs/architecture.md describes, with help on every field."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.models import CSPDocument
from duties.models import (
    DutyIndexPage,
    DutyPage,
    DutyRelatedWorkstream,
    StrategyDocument,
    WorkstreamIndexPage,
    WorkstreamPage,
    WorkstreamRelatedPage,
)
from home.models import HomePage, StandardPage
from tests.helpers import field_help_gaps

pytestmark = pytest.mark.django_db

REVIEW_DATES = {"last_reviewed": "2026-01-01", "next_review_due": "2027-01-01"}


def listblock(items):
    """Form data for a ListBlock, as the StreamField editor posts it."""
    data = {str(i): {"value": item, "deleted": "", "order": str(i), "id": ""} for i, item in enumerate(items)}
    data["count"] = str(len(items))
    return data


def add_page(client, model, parent, fields):
    data = nested_form_data({**REVIEW_DATES, **fields, "action-publish": "publish"})
    return client.post(f"/admin/pages/add/duties/{model._meta.model_name}/{parent.pk}/", data)


def strategy_form(**fields):
    return {
        "title": "A strategy",
        "publisher": "Home Office",
        "year": "2023",
        "month": "",
        "link": "https://www.gov.uk/strategy",
        "document": "",
        "status": "current",
        "superseded_by": "",
        **fields,
    }


def workstream_form(**overrides):
    fields = {
        "title": "Serious violence",
        "slug": "serious-violence",
        "summary": "How the partners prevent serious violence.",
        "lead": "both",
        "body": streamfield([("paragraph", rich_text("Violence is preventable."))]),
        "strategy_documents": inline_formset([strategy_form()]),
        "key_facts": streamfield([]),
        "local_delivery": rich_text("A local violence reduction group meets monthly."),
        "contacts": streamfield([]),
        "related_duty": "",
        "related_pages": inline_formset([]),
    }
    fields.update(overrides)
    return fields


def test_editor_creates_the_duties_index_and_a_duty_page(admin_client, home_page, make_workstream):
    response = add_page(
        admin_client,
        DutyIndexPage,
        home_page,
        {
            "title": "Statutory duties",
            "slug": "statutory-duties",
            "summary": "Our legal duties.",
            "intro": rich_text("The partners share legal duties."),
            "body": streamfield([]),
        },
    )
    assert response.status_code == 302, response.content[:3000]
    index = DutyIndexPage.objects.get(slug="statutory-duties")
    workstream = make_workstream("contest")  # an existing workstream to link to

    response = add_page(
        admin_client,
        DutyPage,
        index,
        {
            "title": "Section 17",
            "slug": "section-17",
            "summary": "The duty to consider crime and disorder.",
            "legislation_title": "Crime and Disorder Act 1998",
            "section": "17(1)",
            "legislation_url": "https://www.legislation.gov.uk/ukpga/1998/37/section/17",
            "statute_text": "(d) serious violence in its area.",
            "amended_by": "the Police, Crime, Sentencing and Courts Act 2022",
            "wording_checked": "2026-11-02",
            "applies_to_intro": "",
            "applies_to": streamfield(
                [("authority", {"name": "Fire and rescue", "description": "Home visits."})]
            ),
            "functions": streamfield(
                [("function", {"name": "Road safety", "description": "Local priority."})]
            ),
            "how_we_meet_it": rich_text("Committee reports consider crime and disorder."),
            "related_workstreams": inline_formset([{"workstream": str(workstream.pk)}]),
        },
    )

    assert response.status_code == 302, response.content[:3000]
    duty = DutyPage.objects.get(slug="section-17")
    assert duty.live
    assert [block.value["name"] for block in duty.applies_to] == ["Fire and rescue"]
    assert [link.workstream for link in duty.related_workstreams.all()] == [workstream]
    html = admin_client.get("/statutory-duties/section-17/").content.decode()
    assert "(d) serious violence in its area." in html
    assert "As amended by the Police, Crime, Sentencing and Courts Act 2022." in html
    assert "Road safety" in html
    assert "/statutory-duties/section-17/" in admin_client.get("/statutory-duties/").content.decode()


def test_editor_creates_workstreams_with_strategies_and_key_facts(admin_client, home_page, make_duty):
    response = add_page(
        admin_client,
        WorkstreamIndexPage,
        home_page,
        {
            "title": "Workstreams",
            "slug": "workstreams",
            "summary": "What we deliver.",
            "intro": rich_text("National and local programmes."),
        },
    )
    assert response.status_code == 302, response.content[:3000]
    index = WorkstreamIndexPage.objects.get()
    duty = make_duty()
    related = Page.objects.get(pk=duty.pk)

    response = add_page(
        admin_client,
        WorkstreamPage,
        index,
        workstream_form(
            strategy_documents=inline_formset(
                [
                    strategy_form(title="Serious Violence Strategy 2024", year="2024", month="3"),
                    strategy_form(
                        title="Serious Violence Strategy 2018",
                        year="2018",
                        status="superseded",
                        superseded_by="the Serious Violence Strategy 2024",
                    ),
                ]
            ),
            key_facts=streamfield(
                [
                    (
                        "key_facts",
                        {
                            "facts": listblock(
                                [
                                    {
                                        "figure": "1 in 4",
                                        "description": "share of violence linked to alcohol",
                                        "source": "Millshire Police",
                                        "source_url": "",
                                        "year": "2025",
                                    }
                                ]
                            )
                        },
                    )
                ]
            ),
            contacts=streamfield(
                [
                    (
                        "contact",
                        {
                            "name": "Violence team",
                            "email": "v@example.org",
                            "phone": "",
                            "address": "",
                            "hours": "",
                        },
                    )
                ]
            ),
            related_duty=str(duty.pk),
            related_pages=inline_formset([{"related_page": str(related.pk)}]),
        ),
    )

    assert response.status_code == 302, response.content[:3000]
    page = WorkstreamPage.objects.get(slug="serious-violence")
    assert page.live and page.related_duty == duty
    strategies = list(page.strategy_documents.all())
    assert [(s.title, s.status, s.month) for s in strategies] == [
        ("Serious Violence Strategy 2024", "current", 3),
        ("Serious Violence Strategy 2018", "superseded", None),
    ]
    assert page.key_facts[0].value["facts"][0]["figure"] == "1 in 4"
    assert [link.related_page_id for link in page.related_pages.all()] == [related.pk]
    html = admin_client.get("/workstreams/serious-violence/").content.decode()
    assert "1 in 4" in html and "Millshire Police" in html
    assert "Superseded by the Serious Violence Strategy 2024" in html
    assert "Home Office, March 2024" in html


def test_editor_attaches_an_uploaded_strategy(admin_client, workstream_index):
    document = CSPDocument(title="Local plan")
    document.file.save("plan.txt", ContentFile(b"plan"), save=False)
    document.save()

    response = add_page(
        admin_client,
        WorkstreamPage,
        workstream_index,
        workstream_form(
            strategy_documents=inline_formset([strategy_form(link="", document=str(document.pk))])
        ),
    )

    assert response.status_code == 302, response.content[:3000]
    assert WorkstreamPage.objects.get().strategy_documents.get().document == document


@pytest.mark.parametrize(
    ("strategy", "message"),
    [
        ({"link": ""}, "Add a link to the strategy or choose an uploaded document."),
        ({"link": "https://example.org/", "document": "DOCUMENT"}, "Give a link or a document, not both."),
        ({"status": "superseded"}, "Say what replaced this strategy"),
        ({"superseded_by": "Something newer"}, "Only a superseded strategy has this."),
        ({"year": "1066"}, "Ensure this value is greater than or equal to 1900."),
    ],
)
def test_strategy_validation_refuses_publishing_with_a_message(
    admin_client, workstream_index, strategy, message
):
    if strategy.get("document") == "DOCUMENT":
        document = CSPDocument(title="Plan")
        document.file.save("plan.txt", ContentFile(b"plan"), save=False)
        document.save()
        strategy = {**strategy, "document": str(document.pk)}

    response = add_page(
        admin_client,
        WorkstreamPage,
        workstream_index,
        workstream_form(strategy_documents=inline_formset([strategy_form(**strategy)])),
    )

    assert response.status_code == 200
    assert not WorkstreamPage.objects.exists()
    assert message in response.content.decode()


def test_duty_page_needs_the_wording_and_when_it_was_checked(admin_client, duty_index):
    response = add_page(
        admin_client,
        DutyPage,
        duty_index,
        {
            "title": "Section 17",
            "slug": "section-17",
            "summary": "Summary",
            "legislation_title": "Crime and Disorder Act 1998",
            "section": "17",
            "legislation_url": "https://www.legislation.gov.uk/ukpga/1998/37/section/17",
            "statute_text": "",
            "amended_by": "",
            "wording_checked": "",
            "applies_to": streamfield([]),
            "functions": streamfield([]),
            "how_we_meet_it": rich_text("Text"),
            "related_workstreams": inline_formset([]),
        },
    )

    assert response.status_code == 200
    assert not DutyPage.objects.exists()
    assert response.content.decode().count("This field is required") >= 2


def test_editor_can_preview_a_workstream(admin_client, workstream_index):
    url = f"/admin/pages/add/duties/workstreampage/{workstream_index.pk}/preview/"
    data = nested_form_data({**REVIEW_DATES, **workstream_form(title="Preview stream")})

    assert admin_client.post(url, data).json()["is_valid"]
    assert b"A local violence reduction group meets monthly." in admin_client.get(url).content


def test_edit_forms_load_for_every_page_type(admin_client, demo_site):
    for model in (DutyIndexPage, DutyPage, WorkstreamIndexPage, WorkstreamPage):
        page = model.objects.first()
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, model
        assert b"next_review_due" in response.content


class TestPageShape:
    def test_sections_go_under_the_home_page_once_each(self):
        assert DutyIndexPage.allowed_parent_page_models() == [HomePage]
        assert WorkstreamIndexPage.allowed_parent_page_models() == [HomePage]
        assert DutyIndexPage.max_count == 1
        assert WorkstreamIndexPage.max_count == 1

    def test_children_only_of_their_index(self):
        assert DutyPage.allowed_parent_page_models() == [DutyIndexPage]
        assert WorkstreamPage.allowed_parent_page_models() == [WorkstreamIndexPage]
        assert DutyIndexPage.allowed_subpage_models() == [DutyPage]
        assert WorkstreamIndexPage.allowed_subpage_models() == [WorkstreamPage]
        assert DutyPage.allowed_subpage_models() == []
        assert WorkstreamPage.allowed_subpage_models() == []

    def test_a_second_workstreams_index_is_refused(self, admin_client, workstream_index, home_page):
        response = admin_client.get(f"/admin/pages/add/duties/workstreamindexpage/{home_page.pk}/")
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert not WorkstreamIndexPage.can_create_at(home_page)

    def test_a_workstream_cannot_be_added_under_a_standard_page(self, home_page):
        standard = home_page.add_child(
            instance=StandardPage(title="About", slug="about", summary="s", body=[])
        )
        assert not WorkstreamPage.can_create_at(standard)
        assert not DutyPage.can_create_at(home_page)


@pytest.mark.parametrize(
    "model",
    [
        DutyIndexPage,
        DutyPage,
        DutyRelatedWorkstream,
        WorkstreamIndexPage,
        WorkstreamPage,
        StrategyDocument,
        WorkstreamRelatedPage,
    ],
)
def test_every_field_has_help_text(model):
    assert field_help_gaps(model, exempt={"page", "sort_order"}) == []

"""Fixtures for the statutory duties and workstreams tests."""

import datetime

import pytest

from duties.models import (
    DutyIndexPage,
    DutyPage,
    DutyRelatedWorkstream,
    Lead,
    StrategyDocument,
    WorkstreamIndexPage,
    WorkstreamPage,
)


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "password")
    client.force_login(user)
    return client


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def duty_index(home_page):
    page = DutyIndexPage(
        title="Statutory duties", slug="statutory-duties", summary="Our duties.", intro="<p>Intro</p>"
    )
    home_page.add_child(instance=page)
    return publish(page)


@pytest.fixture
def workstream_index(home_page):
    page = WorkstreamIndexPage(
        title="Workstreams", slug="workstreams", summary="Our workstreams.", intro="<p>Intro</p>"
    )
    home_page.add_child(instance=page)
    return publish(page)


@pytest.fixture
def make_duty(duty_index):
    def make(slug="section-17", **fields):
        values = {
            "title": "Section 17",
            "summary": "The Section 17 duty.",
            "legislation_title": "Crime and Disorder Act 1998",
            "section": "17(1)",
            "legislation_url": "https://www.legislation.gov.uk/ukpga/1998/37/section/17",
            "statute_text": "Words of the statute.",
            "wording_checked": datetime.date(2026, 1, 5),
            "how_we_meet_it": "<p>We meet it.</p>",
            **fields,
        }
        page = DutyPage(slug=slug, **values)
        duty_index.add_child(instance=page)
        return publish(page)

    return make


@pytest.fixture
def make_workstream(workstream_index):
    def make(slug, lead=Lead.UK, strategies=(), **fields):
        values = {
            "title": slug.replace("-", " ").capitalize(),
            "summary": f"Summary of {slug}.",
            "lead": lead,
            "body": [("paragraph", f"<p>About {slug}.</p>")],
            "local_delivery": "<p>Local work.</p>",
            **fields,
        }
        page = WorkstreamPage(slug=slug, **values)
        page.strategy_documents = [StrategyDocument(**strategy) for strategy in strategies]
        workstream_index.add_child(instance=page)
        return publish(page)

    return make


def link_workstreams(duty, workstreams):
    duty.related_workstreams = [DutyRelatedWorkstream(workstream=w) for w in workstreams]
    return publish(duty)

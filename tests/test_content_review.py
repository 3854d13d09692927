"""Content governance: overdue pages are listed, stay published, and one action marks
a page reviewed."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from governance.content_review import mark_reviewed, pages_due_for_review
from home.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    return client


def test_new_pages_are_due_a_year_after_creation(home_page):
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        page = StandardPageFactory(parent=home_page)
    assert page.last_reviewed == TODAY
    assert page.next_review_due == TODAY + datetime.timedelta(days=365)


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_due_pages_are_listed_soonest_first_and_stay_live(home_page):
    overdue = StandardPageFactory(
        parent=home_page,
        title="Overdue",
        next_review_due=TODAY - datetime.timedelta(days=3),
        last_reviewed=TODAY - datetime.timedelta(days=400),
    )
    soon = StandardPageFactory(
        parent=home_page, title="Soon", next_review_due=TODAY + datetime.timedelta(days=10)
    )
    StandardPageFactory(parent=home_page, title="Later", next_review_due=TODAY + datetime.timedelta(days=200))

    assert [p.title for p in pages_due_for_review(within_days=30)] == ["Overdue", "Soon"]
    assert [p.title for p in pages_due_for_review(within_days=-1)] == ["Overdue"]
    assert StandardPage.objects.get(pk=overdue.pk).live
    assert soon.live


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_dashboard_panel_lists_pages_past_review(admin_client, home_page):
    StandardPageFactory(
        parent=home_page,
        title="Stale guidance",
        next_review_due=TODAY - datetime.timedelta(days=1),
        last_reviewed=TODAY - datetime.timedelta(days=366),
    )
    StandardPageFactory(
        parent=home_page, title="Fresh guidance", next_review_due=TODAY + datetime.timedelta(days=100)
    )

    html = admin_client.get("/admin/").content.decode()

    assert "Pages past their review date" in html
    assert "Stale guidance" in html
    assert "Fresh guidance" not in html


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_report_lists_and_exports_csv(admin_client, home_page):
    StandardPageFactory(
        parent=home_page,
        title="Stale guidance",
        next_review_due=TODAY - datetime.timedelta(days=1),
        last_reviewed=TODAY - datetime.timedelta(days=366),
    )

    html = admin_client.get("/admin/reports/content-review/").content.decode()
    assert "Stale guidance" in html and "Overdue" in html

    csv = admin_client.get("/admin/reports/content-review/?export=csv")
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    lines = body.strip().splitlines()
    assert lines[0].split(",")[:2] == ["Page", "Web address"]
    row = next(line for line in lines if line.startswith("Stale guidance,"))
    assert "2026-06-14" in row
    # The address readers use, not Wagtail's tree path under the home page.
    assert row.split(",")[1] == "http://localhost/stale-guidance/"
    assert "/home/" not in body


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_mark_as_reviewed_is_one_post_and_survives_publishing_the_draft(
    admin_client, home_page, django_user_model
):
    page = StandardPageFactory(
        parent=home_page,
        title="Stale",
        next_review_due=TODAY - datetime.timedelta(days=1),
        last_reviewed=TODAY - datetime.timedelta(days=366),
    )
    page.save_revision()

    confirm = admin_client.get(f"/admin/pages/{page.pk}/mark-reviewed/")
    assert confirm.status_code == 200
    response = admin_client.post(f"/admin/pages/{page.pk}/mark-reviewed/")
    assert response.status_code == 302

    page = StandardPage.objects.get(pk=page.pk)
    assert page.last_reviewed == TODAY
    assert page.next_review_due == TODAY + datetime.timedelta(days=365)
    page.get_latest_revision().publish()
    assert StandardPage.objects.get(pk=page.pk).next_review_due == TODAY + datetime.timedelta(days=365)
    assert pages_due_for_review(within_days=30) == []


def test_mark_reviewed_needs_edit_permission(client, home_page, django_user_model):
    page = StandardPageFactory(parent=home_page)
    user = django_user_model.objects.create_user("reader", "r@example.org", "pw")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.post(f"/admin/pages/{page.pk}/mark-reviewed/").status_code in (302, 403)
    assert StandardPage.objects.get(pk=page.pk).last_reviewed == page.last_reviewed


def test_mark_reviewed_logs_the_action(home_page, django_user_model):
    from wagtail.models import PageLogEntry

    user = django_user_model.objects.create_superuser("admin2", "b@example.org", "pw")
    page = StandardPageFactory(parent=home_page)
    mark_reviewed(page, user, on=timezone.localdate())
    assert PageLogEntry.objects.filter(page=page, action="cspsite.mark_reviewed", user=user).exists()

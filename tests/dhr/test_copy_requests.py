"""Copy requests are personal data: only copy request handlers see, export, update or
delete them, every look is in the audit log, exports cannot carry live formulas, a double
click stores one request, and the retention command keeps only a count."""

import csv
import datetime
import importlib
import io
import re

import openpyxl
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

from dhr import copy_requests
from dhr.models import CopyRequest, CopyRequestCount, DHRSettings
from tests.dhr.builders import make_index, make_request_form, make_review

pytestmark = pytest.mark.django_db

NAME = "Sam Requester"
EMAIL = "sam.requester@example.org"
VALID = {
    "review": "The review into the death of Joan",
    "your_name": NAME,
    "email_address": EMAIL,
    "reason": "I am a researcher.",
    "website": "",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


@pytest.fixture
def form_page(site, home_page):
    DHRSettings.objects.update_or_create(
        site=site, defaults={"request_copy_inbox": "requests@millbrook.example"}
    )
    return make_request_form(make_index(home_page))


@pytest.fixture
def copy_request(client, form_page):
    assert client.post(form_page.url, VALID).status_code == 200
    return CopyRequest.objects.get()


@pytest.fixture
def user_in(django_user_model):
    def make(*group_names):
        user = django_user_model.objects.create_user(
            "-".join(group_names).lower().replace(" ", "-"), password="pw"
        )
        user.groups.set(Group.objects.filter(name__in=group_names))
        assert user.groups.count() == len(group_names)
        return user

    return make


def routes(form_page, copy_request):
    listing = reverse("wagtailforms:list_submissions", args=[form_page.pk])
    delete = reverse("wagtailforms:delete_submissions", args=[form_page.pk])
    edit = reverse("dhr_copy_request_edit", args=[copy_request.pk])
    return [
        ("get", listing, {}),
        ("get", reverse("wagtailforms:list_submissions_results", args=[form_page.pk]), {}),
        ("get", listing, {"export": "csv"}),
        ("get", listing, {"export": "xlsx"}),
        ("get", delete, {"selected-submissions": copy_request.pk}),
        ("post", f"{delete}?selected-submissions={copy_request.pk}", {}),
        ("get", edit, {}),
        ("post", edit, {"status": "sent", "note": ""}),
        ("get", reverse("dhr_copy_requests"), {}),
    ]


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
def test_editors_and_moderators_cannot_reach_copy_requests(
    client, form_page, copy_request, user_in, group_name
):
    client.force_login(user_in(group_name))
    for method, url, data in routes(form_page, copy_request):
        response = getattr(client, method)(url, data)
        assert response.status_code in (302, 403), (method, url, data)
        assert NAME not in response.content.decode()
        assert EMAIL not in response.content.decode()
    assert CopyRequest.objects.get().status == CopyRequest.Status.NEW  # neither deleted nor changed

    dashboard = client.get("/admin/").content.decode()
    assert reverse("dhr_copy_requests") not in dashboard
    assert "Copy requests waiting for a reply" not in dashboard
    assert reverse("wagtailforms:index") not in dashboard  # no "Forms" menu item either
    forms_index = client.get(reverse("wagtailforms:index"))
    assert form_page.title not in forms_index.content.decode()


def test_a_moderator_who_is_also_a_handler_can(client, form_page, copy_request, user_in):
    client.force_login(user_in("Moderators", copy_requests.HANDLERS_GROUP))
    response = client.get(reverse("wagtailforms:list_submissions", args=[form_page.pk]))
    assert response.status_code == 200
    assert NAME in response.content.decode()


def pii_free(entries):
    for entry in entries:
        text = f"{entry.label} {entry.data} {entry.message}"
        assert NAME not in text and EMAIL not in text and "researcher" not in text
    return entries


def test_handler_sees_exports_updates_and_deletes_and_each_is_audited(
    client, form_page, copy_request, user_in
):
    handler = user_in(copy_requests.HANDLERS_GROUP)
    client.force_login(handler)
    listing = reverse("wagtailforms:list_submissions", args=[form_page.pk])

    dashboard = client.get("/admin/").content.decode()
    assert reverse("dhr_copy_requests") in dashboard
    assert "Copy requests waiting for a reply" in dashboard
    assert client.get(reverse("dhr_copy_requests")).url == listing

    response = client.get(listing)
    assert response.status_code == 200
    assert NAME in response.content.decode()
    assert client.get(listing, {"export": "csv"}).status_code == 200
    assert client.get(listing, {"export": "xlsx"}).status_code == 200

    edit = reverse("dhr_copy_request_edit", args=[copy_request.pk])
    page = client.get(edit)
    assert page.status_code == 200 and EMAIL in page.content.decode()
    response = client.post(edit, {"status": "sent", "note": "Sent the overview report by email."})
    assert response.status_code == 302
    copy_request.refresh_from_db()
    assert copy_request.status == CopyRequest.Status.SENT
    assert copy_request.handled_by == handler and copy_request.handled_at is not None
    assert "Copy requests waiting for a reply" not in client.get("/admin/").content.decode()

    client.post(
        reverse("wagtailforms:delete_submissions", args=[form_page.pk])
        + f"?selected-submissions={copy_request.pk}"
    )
    assert not CopyRequest.objects.exists()

    page_entries = pii_free(PageLogEntry.objects.filter(page=form_page, user=handler))
    assert [entry.action for entry in page_entries.order_by("pk")] == [
        copy_requests.VIEWED_LIST,
        copy_requests.EXPORTED,
        copy_requests.EXPORTED,
    ]
    assert [
        entry.data.get("format")
        for entry in page_entries.filter(action=copy_requests.EXPORTED).order_by("pk")
    ] == [
        "csv",
        "xlsx",
    ]
    request_entries = pii_free(ModelLogEntry.objects.filter(object_id=str(copy_request.pk), user=handler))
    assert list(request_entries.order_by("pk").values_list("action", flat=True)) == [
        copy_requests.VIEWED,
        copy_requests.UPDATED,
        copy_requests.DELETED,
    ]
    assert "Sent the overview report" not in str(list(request_entries.values_list("data", flat=True)))


def test_export_neutralises_formulas(client, form_page, user_in, admin_user):
    client.post(
        form_page.url, {**VALID, "your_name": '=HYPERLINK("http://evil.example","Click")', "reason": "+1"}
    )
    client.post(form_page.url, {**VALID, "your_name": "@SUM(A1)", "reason": "-2\tthree"})
    client.force_login(user_in(copy_requests.HANDLERS_GROUP))
    listing = reverse("wagtailforms:list_submissions", args=[form_page.pk])

    response = client.get(listing, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example","Click")' in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]

    response = client.get(listing, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)]
    assert "'@SUM(A1)" in values
    assert not [value for value in values if value[:1] in ("=", "+", "-", "@")]


def test_form_sets_no_cookie_that_outlives_the_browser_session(client, form_page):
    response = client.get(form_page.url)
    assert response.status_code == 200
    assert response.cookies, "the form should still be protected by a CSRF cookie"
    for morsel in response.cookies.values():
        assert not morsel["expires"] and not morsel["max-age"], morsel.OutputString()
    header = response.cookies.output().lower()
    assert "expires" not in header and "max-age" not in header


def test_double_click_stores_one_request(client, form_page):
    soup = BeautifulSoup(client.get(form_page.url).content, "html.parser")
    token = soup.select_one("input[name=submission_token]")["value"]
    assert soup.select_one("form[method=post] button[type=submit]")["data-prevent-double-click"] == "true"
    first = client.post(form_page.url, {**VALID, "submission_token": token})
    second = client.post(form_page.url, {**VALID, "submission_token": token})
    assert first.status_code == second.status_code == 200
    assert "Request sent" in second.content.decode()
    assert CopyRequest.objects.count() == 1
    assert len(mail.outbox) == 1

    # A new form is a new request, even with the same answers.
    other = BeautifulSoup(client.get(form_page.url).content, "html.parser")
    assert other.select_one("input[name=submission_token]")["value"] != token
    client.post(
        form_page.url,
        {**VALID, "submission_token": other.select_one("input[name=submission_token]")["value"]},
    )
    assert CopyRequest.objects.count() == 2


def test_retention_keeps_only_an_anonymous_count_per_review(client, form_page):
    review = make_review(form_page.get_parent().specific, "Joan")
    with time_machine.travel(timezone.now() - datetime.timedelta(days=100)):
        client.post(form_page.url, {**VALID, "review": review.title})
        client.post(
            form_page.url, {**VALID, "review": f"  {review.title.upper()} ", "your_name": "Alex Other"}
        )
        client.post(form_page.url, {**VALID, "review": "the one about my aunt"})
    client.post(form_page.url, {**VALID, "your_name": "Recent Requester"})
    out = io.StringIO()
    call_command("delete_old_copy_requests", stdout=out)
    assert "Deleted 3 request(s) older than 90 days." in out.getvalue()
    assert [data["your_name"] for data in CopyRequest.objects.values_list("form_data", flat=True)] == [
        "Recent Requester"
    ]
    counts = {count.review_id: count.requests for count in CopyRequestCount.objects.all()}
    assert counts == {review.pk: 2, None: 1}
    kept = str(list(CopyRequestCount.objects.values()))
    assert NAME not in kept and "aunt" not in kept and "Alex" not in kept


def test_age_counts_working_days_without_bank_holidays():
    friday = datetime.date(2026, 12, 18)
    # Christmas Day, the substitute Boxing Day (28th) and New Year's Day are not working days.
    assert copy_requests.reply_due(friday) == datetime.date(2027, 1, 6)
    assert copy_requests.working_days_between(friday, datetime.date(2026, 12, 21)) == 1
    assert copy_requests.working_days_between(friday, datetime.date(2027, 1, 6)) == 10
    assert copy_requests.working_days_between(friday, datetime.date(2027, 1, 7)) == 11


def test_dashboard_shows_age_and_overdue(client, form_page, user_in):
    with time_machine.travel(datetime.datetime(2026, 12, 18, 10, tzinfo=datetime.UTC)):
        client.post(form_page.url, VALID)
    with time_machine.travel(datetime.datetime(2027, 1, 7, 10, tzinfo=datetime.UTC)):
        client.force_login(user_in(copy_requests.HANDLERS_GROUP))
        soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = soup.find(id=re.compile("^open-copy-requests"))
    row = [cell.get_text(strip=True) for cell in panel.select("tbody tr td")]
    assert row[2] == "11"
    assert row[3].startswith("6 January 2027") and "overdue" in row[3]


def test_upgrade_moves_stored_requests_keeping_when_they_came(form_page):
    from django.apps import apps
    from wagtail.contrib.forms.models import FormSubmission

    migration = importlib.import_module("dhr.migrations.0008_copy_requests")
    received = timezone.now() - datetime.timedelta(days=12)
    old = FormSubmission.objects.create(form_data={"your_name": NAME}, page=form_page)
    FormSubmission.objects.filter(pk=old.pk).update(submit_time=received)
    migration.move_submissions(apps, None)
    assert not FormSubmission.objects.exists()
    moved = CopyRequest.objects.get()
    assert (moved.form_data, moved.submit_time, moved.status) == ({"your_name": NAME}, received, "new")
    migration.create_group(apps, None)  # safe to run again
    assert Group.objects.get(name=copy_requests.HANDLERS_GROUP).user_set.count() == 0

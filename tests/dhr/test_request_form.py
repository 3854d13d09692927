"""Requests for copies of aged reviews: stored first, emailed second, protected from
robots and floods, and deleted after the period the privacy notice gives."""

import datetime
import io
from unittest import mock

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone

from dhr.models import CopyRequest, DHRSettings, RequestCopyFormPage
from tests.dhr.builders import make_index, make_request_form, make_review

pytestmark = pytest.mark.django_db

VALID = {
    "review": "The review into the death of Joan",
    "your_name": "Sam Example",
    "email_address": "sam@example.org",
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


def stored():
    return list(CopyRequest.objects.values_list("form_data", flat=True))


def test_request_is_stored_and_emailed(client, form_page):
    response = client.post(form_page.url, VALID)
    assert response.status_code == 200
    assert "Request sent" in response.content.decode()
    assert stored() == [{key: value for key, value in VALID.items() if key != "website"}]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["requests@millbrook.example"]
    assert message.reply_to == ["sam@example.org"]
    assert "The review into the death of Joan" in message.body


def test_request_is_kept_when_email_fails(client, form_page, caplog):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError("SMTP down")):
        response = client.post(form_page.url, VALID)
    assert response.status_code == 200
    assert "Request sent" in response.content.decode()
    assert len(stored()) == 1
    assert "is stored but the email to the inbox failed" in caplog.text


def test_honeypot_is_refused_without_storing(client, form_page):
    response = client.post(form_page.url, {**VALID, "website": "http://spam.example"})
    assert response.status_code == 400
    assert "Leave this field empty" in response.content.decode()
    assert stored() == []
    assert mail.outbox == []


def test_rate_limit_refuses_floods_from_one_address(client, form_page):
    limit = RequestCopyFormPage.rate_limit
    for _attempt in range(limit):
        assert client.post(form_page.url, VALID, REMOTE_ADDR="203.0.113.5").status_code == 200
    refused = client.post(form_page.url, VALID, REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 429
    assert "Wait an hour and try again" in refused.content.decode()
    assert len(stored()) == limit
    # Someone else is not affected.
    assert client.post(form_page.url, VALID, REMOTE_ADDR="198.51.100.7").status_code == 200


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"email_address": "not-an-email"}, "email_address"),
        ({"your_name": ""}, "your_name"),
        ({"review": ""}, "review"),
        ({"review": "x" * 5000}, "review"),
        ({"reason": "\x00" * 10}, "reason"),
    ],
)
def test_bad_input_gives_a_clear_400(client, form_page, changes, field):
    response = client.post(form_page.url, {**VALID, **changes})
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    summary_links = [a["href"] for a in soup.select(".govuk-error-summary__list a")]
    assert f"#id_{field}" in summary_links
    assert soup.select_one(f"#id_{field}-error") is not None
    assert soup.title.get_text().startswith("Error:")
    assert stored() == []


def test_form_is_prefilled_from_an_aged_review_link(client, form_page):
    index = form_page.get_parent().specific
    with time_machine.travel(datetime.datetime(2024, 1, 10, 12, tzinfo=datetime.UTC), tick=False):
        aged = make_review(index, "Joan", publication_date=datetime.date(2024, 1, 10))
    response = client.get(form_page.url, {"review": aged.pk})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_review")["value"] == "Domestic Homicide Review into the death of 'Joan'"


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999", "1 OR 1=1"])
def test_odd_review_parameters_are_ignored(client, form_page, value):
    response = client.get(form_page.url, {"review": value})
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").select_one("#id_review").get("value") in (None, "")


def test_form_has_exit_button_helplines_and_a_hidden_honeypot(client, form_page):
    soup = BeautifulSoup(client.get(form_page.url).content, "html.parser")
    assert soup.select_one(".govuk-exit-this-page") is not None
    assert soup.select_one(".app-helplines") is not None
    honeypot = soup.select_one("#id_website")
    assert honeypot["tabindex"] == "-1"
    assert honeypot.find_parent(class_="app-honeypot")["aria-hidden"] == "true"


def test_submissions_list_shows_the_review_requested(client, admin_user, form_page):
    client.post(form_page.url, VALID)
    client.force_login(admin_user)
    response = client.get(f"/admin/forms/submissions/{form_page.pk}/")
    assert response.status_code == 200
    assert "The review into the death of Joan" in response.content.decode()


def test_old_requests_are_deleted_after_90_days_by_default(client, form_page):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=91)):
        client.post(form_page.url, VALID)
    cache.clear()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=89)):
        client.post(form_page.url, {**VALID, "your_name": "Recent Requester"})
    out = io.StringIO()
    call_command("delete_old_copy_requests", stdout=out)
    assert "Deleted 1 request(s) older than 90 days." in out.getvalue()
    assert [data["your_name"] for data in stored()] == ["Recent Requester"]


def test_retention_period_can_be_set_and_dry_run_deletes_nothing(client, form_page):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=40)):
        client.post(form_page.url, VALID)
    out = io.StringIO()
    call_command("delete_old_copy_requests", "--days", "30", "--dry-run", stdout=out)
    assert "1 request(s) older than 30 days would be deleted." in out.getvalue()
    assert len(stored()) == 1
    call_command("delete_old_copy_requests", "--days", "30", stdout=io.StringIO())
    assert stored() == []
    with pytest.raises(CommandError):
        call_command("delete_old_copy_requests", "--days", "0")


def test_error_messages_say_what_to_do(client, form_page):
    response = client.post(
        form_page.url, {**VALID, "your_name": "", "email_address": "sam@", "reason": "x" * 3000}
    )
    soup = BeautifulSoup(response.content, "html.parser")
    summary = [li.get_text(strip=True) for li in soup.select(".govuk-error-summary__list li")]
    assert summary == [
        "Enter your name",
        "Enter an email address in the correct format, like name@example.com",
        "'Reason' must be 2000 characters or fewer",
    ]
    name_input = soup.select_one("#id_your_name")
    assert "govuk-input--error" in name_input["class"]
    assert name_input["aria-describedby"] == "id_your_name-error"


def test_rate_limit_uses_the_proxy_header_when_configured(client, form_page, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    for _attempt in range(RequestCopyFormPage.rate_limit):
        client.post(form_page.url, VALID, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert (
        client.post(
            form_page.url, VALID, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9"
        ).status_code
        == 429
    )
    # Another reader behind the same proxy is not blocked.
    assert (
        client.post(
            form_page.url, VALID, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2"
        ).status_code
        == 200
    )

"""The admin's password reset (ops/password_reset.py) gives nothing away: the same page,
after the same work, whether or not the address has an account; the e-mail goes out
after the response; and attempts are throttled per client address and per e-mail."""

import threading
import uuid

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail

from ops import password_reset, throttle

pytestmark = pytest.mark.django_db

URL = "/admin/password_reset/"


@pytest.fixture
def address():
    """A client address of this test's own, so no other test's attempts count."""
    number = uuid.uuid4().int
    return f"10.{number % 250}.{number // 250 % 250}.{number // 62500 % 250}"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        f"editor-{uuid.uuid4().hex[:8]}",
        f"{uuid.uuid4().hex[:8]}@millbrook.example",
        "a long enough passphrase",
    )


@pytest.fixture
def work(monkeypatch):
    """What each request did: the tokens it made and the e-mails it handed over."""
    done = {"tokens": [], "deliveries": []}
    make_token = default_token_generator.make_token

    def record_token(user):
        done["tokens"].append(user.email)
        return make_token(user)

    monkeypatch.setattr(default_token_generator, "make_token", record_token)
    monkeypatch.setattr(
        password_reset, "deliver_later", lambda message, send: done["deliveries"].append((message, send))
    )
    return done


def ask_for_reset(client, email, address):
    return client.post(URL, {"email": email}, REMOTE_ADDR=address)


def wait_for_mail_threads():
    for thread in threading.enumerate():
        if thread.name == "password-reset-mail":
            thread.join(timeout=10)


def test_known_and_unknown_addresses_get_the_same_page_after_the_same_work(client, editor, address, work):
    known = ask_for_reset(client, editor.email, address)
    unknown_email = f"nobody-{uuid.uuid4().hex[:8]}@millbrook.example"
    unknown = ask_for_reset(client, unknown_email, address)

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/admin/password_reset/done/"
    # One token made and one e-mail rendered and handed over for each ...
    assert work["tokens"] == [editor.email, unknown_email]
    (known_message, known_send), (unknown_message, unknown_send) = work["deliveries"]
    assert known_message.subject == unknown_message.subject
    assert known_message.to == [editor.email]
    assert unknown_message.to == [unknown_email]
    # ... and only the real account's is sent.
    assert (known_send, unknown_send) == (True, False)


def test_the_email_is_sent_after_the_response_to_real_accounts_only(
    client, editor, address, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = ask_for_reset(client, editor.email, address)
        ask_for_reset(client, "nobody@millbrook.example", address)
    # The response came back before anything went to the mail server.
    assert response.status_code == 302
    assert mail.outbox == []

    for callback in callbacks:
        callback()
    wait_for_mail_threads()

    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body


def test_past_the_limit_for_one_email_the_same_page_is_shown_and_nothing_is_sent(
    client, editor, address, work
):
    for _ in range(password_reset.ATTEMPTS_PER_EMAIL):
        assert ask_for_reset(client, editor.email, address).status_code == 302
    assert len(work["deliveries"]) == password_reset.ATTEMPTS_PER_EMAIL

    response = ask_for_reset(client, editor.email.upper(), address)

    assert response.status_code == 302
    assert response["Location"] == "/admin/password_reset/done/"
    assert len(work["deliveries"]) == password_reset.ATTEMPTS_PER_EMAIL


def test_past_the_limit_for_one_client_address_nothing_more_is_sent(client, editor, address, work):
    for number in range(password_reset.ATTEMPTS_PER_ADDRESS):
        ask_for_reset(client, f"guess-{number}-{uuid.uuid4().hex[:6]}@millbrook.example", address)
    assert len(work["deliveries"]) == password_reset.ATTEMPTS_PER_ADDRESS

    response = ask_for_reset(client, editor.email, address)

    assert response["Location"] == "/admin/password_reset/done/"
    assert len(work["deliveries"]) == password_reset.ATTEMPTS_PER_ADDRESS
    # Another reader, elsewhere, is not held up.
    ask_for_reset(client, editor.email, address.rsplit(".", 1)[0] + ".251")
    assert len(work["deliveries"]) == password_reset.ATTEMPTS_PER_ADDRESS + 1


def test_with_the_cache_down_resets_still_work_and_the_outage_is_logged(
    client, editor, address, work, monkeypatch, caplog
):
    class DownCache:
        def add(self, *args, **kwargs):
            raise ConnectionError("Redis is down")

    monkeypatch.setattr(throttle, "cache", DownCache())

    response = ask_for_reset(client, editor.email, address)

    assert response.status_code == 302
    assert [send for _message, send in work["deliveries"]] == [True]
    assert "throttle let an attempt through" in caplog.text

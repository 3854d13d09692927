"""Login lockout (django-axes) and two-factor authentication (wagtail-2fa) for the admin."""

from datetime import timedelta

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ops.security import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase for tests"


@pytest.fixture
def axes_backends(settings):
    """The production backends (the test settings drop axes' so Client.login works)."""
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "core.auth_backend.PermissionsBackend",
    ]
    return settings


def log_in(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})


def test_lockout_after_the_configured_number_of_failed_logins(client, superuser, axes_backends):
    limit = axes_backends.AXES_FAILURE_LIMIT
    assert limit == 5

    for attempt in range(1, limit):
        response = log_in(client, superuser.username, f"wrong password {attempt}")
        assert response.status_code == 200, f"attempt {attempt} should just be refused"
        assert "_auth_user_id" not in client.session

    locked = log_in(client, superuser.username, "wrong password again")
    assert locked.status_code == 429
    assert b"locked" in locked.content.lower()

    # Even the right password is refused now, and the admin stays out of reach.
    right = log_in(client, superuser.username, PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_right_password_before_the_limit_still_works(client, superuser, axes_backends):
    for attempt in range(axes_backends.AXES_FAILURE_LIMIT - 1):
        log_in(client, superuser.username, f"wrong {attempt}")

    response = log_in(client, superuser.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_lockout_of_one_account_leaves_other_accounts_alone(
    client, superuser, axes_backends, django_user_model
):
    django_user_model.objects.create_superuser("other-editor", "other@millbrook.example", PASSWORD)
    for attempt in range(axes_backends.AXES_FAILURE_LIMIT):
        log_in(client, superuser.username, f"wrong {attempt}")

    assert log_in(client, "other-editor", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the left entry is the client's own claim
        (1, "", "10.0.0.2"),
        (2, "198.51.100.1, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


# Two-factor authentication


@pytest.fixture
def require_2fa(settings):
    settings.WAGTAIL_2FA_REQUIRED = True


def current_token(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def test_2fa_is_optional_when_not_required(client, superuser):
    client.force_login(superuser)

    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/documents/", "/admin/users/"])
def test_admin_without_a_second_factor_cannot_reach_the_admin(client, superuser, require_2fa, path):
    client.force_login(superuser)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/devices/new")


def test_admin_with_a_device_must_enter_a_code_before_the_dashboard(client, superuser, require_2fa):
    device = TOTPDevice.objects.create(user=superuser, name="Phone", confirmed=True)
    client.force_login(superuser)

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/auth")

    wrong = client.post("/admin/2fa/auth", {"otp_token": "000000", "next": "/admin/"})
    assert wrong.status_code == 200
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post("/admin/2fa/auth", {"otp_token": current_token(device), "next": "/admin/"})
    assert right.status_code == 302, right.context["form"].errors
    assert right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_admin_can_enrol_a_device_and_then_reach_the_page_editor(client, superuser, require_2fa, home_page):
    client.force_login(superuser)

    form = client.get("/admin/2fa/devices/new")
    assert form.status_code == 200
    assert b"otpauth://totp/" in form.content
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        wrong_password = client.post(
            "/admin/2fa/devices/new",
            {"name": "Work phone", "otp_token": current_token(device), "password": "not it"},
        )
    assert wrong_password.status_code == 200
    assert not TOTPDevice.objects.filter(user=superuser, confirmed=True).exists()

    # A code is accepted once only, so the next try uses the next 30-second code.
    with time_machine.travel(start + timedelta(seconds=device.step), tick=False):
        enrolled = client.post(
            "/admin/2fa/devices/new",
            {"name": "Work phone", "otp_token": current_token(device), "password": PASSWORD},
        )
    assert enrolled.status_code == 302, enrolled.context["form"].errors
    assert TOTPDevice.objects.get(user=superuser, confirmed=True).name == "Work phone"
    assert client.get(f"/admin/pages/{home_page.pk}/edit/").status_code == 200


def test_anonymous_admin_requests_go_to_the_login_page(client, require_2fa):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_public_pages_are_not_affected_for_anonymous_readers(client, home_page, require_2fa):
    assert client.get("/").status_code == 200

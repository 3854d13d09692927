"""The files browsers and robots ask for on their own: /robots.txt, /favicon.ico and
/.well-known/security.txt (RFC 9116)."""

import datetime
import io
import re

import pytest
from django.core import checks
from PIL import Image

from ops import security_txt
from tests.welsh import offer_welsh

pytestmark = pytest.mark.django_db


def fields(response):
    """A plain-text ``Name: value`` file as (name, value) pairs, comments and blanks left out."""
    body = response.content.decode()
    return [tuple(line.split(": ", 1)) for line in body.splitlines() if line and not line.startswith("#")]


def test_robots_txt_names_the_sitemap_and_keeps_robots_out_of_search(client, site):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert fields(response) == [
        ("User-agent", "*"),
        ("Disallow", "/search/"),
        ("Disallow", "/admin/"),
        ("Sitemap", "http://testserver/sitemap.xml"),
    ]
    assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_keeps_robots_out_of_welsh_search_where_welsh_is_offered(client, site_settings):
    offer_welsh(site_settings)

    disallowed = [value for name, value in fields(client.get("/robots.txt")) if name == "Disallow"]

    assert disallowed == ["/search/", "/cy/search/", "/admin/"]


def test_favicon_is_the_sites_icon(client, site):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]


@pytest.mark.parametrize("path", ["/robots.txt", "/favicon.ico", "/.well-known/security.txt"])
def test_the_files_answer_head_and_refuse_post(client, site, path):
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405


@pytest.fixture
def security_settings(settings):
    settings.SECURITY_TXT_CONTACT = ["mailto:security@csp.example", "https://csp.example/report"]
    settings.SECURITY_TXT_EXPIRES = "2027-06-30"
    settings.SECURITY_TXT_POLICY = ""
    return settings


def test_security_txt_gives_the_contact_and_expiry_from_settings(client, site, security_settings):
    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert fields(response) == [
        ("Contact", "mailto:security@csp.example"),
        ("Contact", "https://csp.example/report"),
        ("Expires", "2027-06-30T00:00:00Z"),
        ("Preferred-Languages", "en-GB"),
        ("Canonical", "http://testserver/.well-known/security.txt"),
    ]


def test_security_txt_expiry_is_an_rfc_3339_utc_moment(client, site, security_settings):
    security_settings.SECURITY_TXT_EXPIRES = "2027-06-30T17:30:00+01:00"
    security_settings.SECURITY_TXT_POLICY = "https://csp.example/disclosure"

    found = dict(fields(client.get("/.well-known/security.txt")))

    assert found["Expires"] == "2027-06-30T16:30:00Z"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", found["Expires"])
    assert found["Policy"] == "https://csp.example/disclosure"


def test_security_txt_offers_welsh_where_welsh_is_offered(client, site_settings, security_settings):
    offer_welsh(site_settings)

    assert dict(fields(client.get("/.well-known/security.txt")))["Preferred-Languages"] == "en-GB, cy"


@pytest.mark.parametrize(
    ("contact", "expires"),
    [
        ([], "2027-06-30"),
        (["security@csp.example"], "2027-06-30"),
        (["mailto:a@csp.example"], ""),
        (["mailto:a@csp.example"], "next summer"),
    ],
)
def test_security_txt_without_a_contact_or_expiry_is_not_made_up(client, site, settings, contact, expires):
    settings.SECURITY_TXT_CONTACT = contact
    settings.SECURITY_TXT_EXPIRES = expires

    response = client.get("/.well-known/security.txt")

    assert response.status_code == 404
    assert "No security contact is configured" in response.content.decode()


def deploy_warnings():
    return {
        problem.id for problem in security_txt.check_security_txt(None) if problem.level == checks.WARNING
    }


def test_check_deploy_warns_until_security_txt_is_configured_and_current(security_settings, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC))
    assert deploy_warnings() == set()

    security_settings.SECURITY_TXT_CONTACT = []
    security_settings.SECURITY_TXT_EXPIRES = ""
    assert deploy_warnings() == {"ops.W101", "ops.W102"}

    security_settings.SECURITY_TXT_CONTACT = ["mailto:security@csp.example"]
    security_settings.SECURITY_TXT_EXPIRES = "2026-12-01"
    assert deploy_warnings() == {"ops.W103"}

    security_settings.SECURITY_TXT_EXPIRES = "2028-01-01"
    assert deploy_warnings() == {"ops.W104"}

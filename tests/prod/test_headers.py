"""Security headers on public pages and the scoped policy for the Wagtail admin."""

import base64
import hashlib

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

pytestmark = pytest.mark.django_db

SCRIPT_TYPES = {"text/javascript", "module"}


def directives(header):
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.fixture
def https(settings):
    """Production's HTTPS settings, with the request arriving through the proxy."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_SSL_REDIRECT = True
    return {"HTTP_X_FORWARDED_PROTO": "https"}


def test_home_page_has_every_security_header(demo_site, client, https):
    response = client.get("/", **https)

    assert response.status_code == 200
    csp = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["script-src"][0] == "'self'"
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = dict(item.split("=", 1) for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert permissions[feature] == "()"


def inline_script_hashes(response):
    """SHA-256 CSP sources of the inline scripts a browser would run (JSON data blocks,
    such as the preview's accessibility-checker settings, are not scripts)."""
    scripts = BeautifulSoup(response.content, "html.parser").find_all("script")
    inline = [s for s in scripts if not s.get("src") and s.get("type", "text/javascript") in SCRIPT_TYPES]
    assert inline, "base.html's js-enabled script is missing"
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.string.encode()).digest()).decode() + "'"
        for s in inline
    ]


def test_the_inline_js_enabled_script_is_allowed_by_its_hash_not_a_nonce(demo_site, client):
    response = client.get("/")

    script_src = directives(response["Content-Security-Policy"])["script-src"]
    assert not any("nonce-" in value for value in script_src), "a nonce cannot survive page caching"
    assert "'unsafe-inline'" not in script_src
    for source in inline_script_hashes(response):
        assert source in script_src
    # The same policy on every response, so a cached copy of the page stays valid.
    assert client.get("/")["Content-Security-Policy"] == response["Content-Security-Policy"]


def test_plain_http_is_redirected_to_https(demo_site, client, https):
    response = client.get("/privacy-notice/")

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_not_found_pages_get_the_public_policy(demo_site, client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "'unsafe-inline'" not in directives(response["Content-Security-Policy"])["script-src"]


def test_admin_gets_its_own_looser_policy_and_the_page_editor_loads(demo_site, client, superuser):
    client.force_login(superuser)
    page = demo_site.root_page

    response = client.get(f"/admin/pages/{page.pk}/edit/")

    assert response.status_code == 200
    assert b"w-form" in response.content or b"<form" in response.content
    csp = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["script-src"]
    assert not any("nonce-" in value for value in csp["script-src"]), "a nonce would disable unsafe-inline"
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["frame-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"


def test_wagtail_preview_keeps_the_public_script_policy_but_may_be_framed_by_the_admin(
    home_page, client, superuser
):
    client.force_login(superuser)
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
    assert client.post(url, data).json()["is_valid"]

    response = client.get(url, {"in_preview_panel": "true"})

    assert b"Preview body" in response.content
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    csp = directives(response["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    for source in inline_script_hashes(response):
        assert source in csp["script-src"]


def test_admin_login_page_gets_the_admin_policy(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert "'unsafe-inline'" in directives(response["Content-Security-Policy"])["style-src"]

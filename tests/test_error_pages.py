"""Error pages are in the site's design and can never fail themselves."""

import pytest
from django.template.loader import render_to_string
from django.test import Client

pytestmark = pytest.mark.django_db


def test_500_page_renders_without_any_context_or_database():
    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert "999" in html
    assert "{%" not in html


def test_unknown_host_gets_a_400_not_a_server_error(home_page):
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400


def test_404_page_has_search_and_home_links(home_page, client):
    response = client.get("/missing/")
    assert response.status_code == 404
    assert b'href="/search/"' in response.content
    assert b'<html lang="en-GB"' in response.content

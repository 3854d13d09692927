"""Alert banners show only while current, and only where they are meant to."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.models import AlertBanner
from tests.factories import AlertBannerFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 3, 12, 0, tzinfo=datetime.UTC)


def banner_headings(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return [p.get_text(strip=True) for p in html.select(".govuk-notification-banner__heading")]


@time_machine.travel(NOW, tick=False)
def test_only_current_banners_render(home_page, client):
    AlertBannerFactory(
        heading="Now", starts_at=NOW - datetime.timedelta(hours=1), ends_at=NOW + datetime.timedelta(hours=1)
    )
    AlertBannerFactory(heading="Open ended", starts_at=NOW - datetime.timedelta(days=1), ends_at=None)
    AlertBannerFactory(heading="Future", starts_at=NOW + datetime.timedelta(minutes=1), ends_at=None)
    AlertBannerFactory(heading="Over", starts_at=NOW - datetime.timedelta(days=2), ends_at=NOW)

    assert sorted(banner_headings(client, "/")) == ["Now", "Open ended"]


def test_banner_appears_and_disappears_on_schedule(home_page, client):
    start = NOW + datetime.timedelta(hours=1)
    AlertBannerFactory(heading="Maintenance", starts_at=start, ends_at=start + datetime.timedelta(hours=2))

    with time_machine.travel(NOW, tick=False):
        assert banner_headings(client, "/") == []
    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
        assert banner_headings(client, "/") == ["Maintenance"]
    with time_machine.travel(start + datetime.timedelta(hours=3), tick=False):
        assert banner_headings(client, "/") == []


def test_section_banner_shows_in_section_only(home_page, client):
    section = StandardPageFactory(parent=home_page, title="Reviews")
    child = StandardPageFactory(parent=section, title="One review")
    other = StandardPageFactory(parent=home_page, title="Elsewhere")
    AlertBannerFactory(heading="Section notice", section=section)

    assert banner_headings(client, section.url) == ["Section notice"]
    assert banner_headings(client, child.url) == ["Section notice"]
    assert banner_headings(client, other.url) == []
    assert banner_headings(client, "/") == []


def test_banner_markup_is_an_accessible_region_with_heading(home_page, client):
    banner = AlertBannerFactory(
        heading="Important thing",
        severity=AlertBanner.Severity.IMPORTANT,
        link_url="https://example.org/",
        link_text="Read more",
    )
    html = BeautifulSoup(client.get("/").content, "html.parser")

    region = html.select_one(".govuk-notification-banner")
    assert region["role"] == "region"
    title = html.find(id=region["aria-labelledby"])
    assert title.name == "h2" and title.get_text(strip=True) == "Important"
    assert region["data-alert-id"] == banner.dom_id
    assert region.select_one("a")["href"] == "https://example.org/"


def test_end_must_follow_start_and_link_needs_text():
    banner = AlertBanner(
        heading="x",
        message="y",
        starts_at=timezone.now(),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    with pytest.raises(ValidationError) as error:
        banner.full_clean()
    assert "ends_at" in error.value.message_dict

    banner = AlertBanner(heading="x", message="y", link_url="https://example.org/")
    with pytest.raises(ValidationError) as error:
        banner.full_clean()
    assert "link_text" in error.value.message_dict

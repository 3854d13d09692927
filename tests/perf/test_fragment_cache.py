"""The main navigation and the alert banners are rendered once and kept in the page cache
(ops/fragment_cache.py) under the page cache's own rule: a change published in Wagtail
shows on the next render, a banner's start or end and any scheduled change are never
outlived, editors always get a fresh render, and the HTML is what a fresh render gives."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from core.models import AlertBanner
from home.models import StandardPage
from ops import caching
from tests.welsh import log_in_as

LATE_EVENING = datetime.datetime(2025, 3, 15, 23, 58, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.FRAGMENT_CACHE = True
    settings.PAGE_CACHE_MAX_AGE = 300
    caching.page_cache().clear()


@pytest.fixture
def clock():
    with time_machine.travel(LATE_EVENING, tick=False) as traveller:
        yield traveller


def menu_page(home_page, title="Our work"):
    page = home_page.add_child(
        instance=StandardPage(title=title, slug="our-work", summary="What we do.", show_in_menus=True)
    )
    page.save_revision().publish()
    return page


def test_the_html_is_what_a_fresh_render_gives(client, home_page, settings):
    menu_page(home_page)
    AlertBanner.objects.create(heading="Office closed", message="Closed on Monday.")
    first = client.get("/").content
    kept = client.get("/").content  # navigation and banners from the page cache
    settings.FRAGMENT_CACHE = False
    fresh = client.get("/").content
    assert b"Our work" in kept and b"Office closed" in kept
    assert first == kept == fresh


def test_a_published_change_shows_on_the_next_render(client, home_page):
    page = menu_page(home_page)
    assert b"Our work" in client.get("/").content
    page.title = "What we do"
    page.save_revision().publish()
    content = client.get("/").content
    assert b"What we do" in content
    assert b"Our work" not in content

    page.unpublish()
    assert b"What we do" not in client.get("/").content


def test_saving_or_deleting_a_banner_shows_on_the_next_render(client, home_page):
    assert b"Office closed" not in client.get("/").content
    banner = AlertBanner.objects.create(heading="Office closed", message="Closed on Monday.")
    assert b"Office closed" in client.get("/").content
    banner.heading = "Office open"
    banner.save()
    assert b"Office open" in client.get("/").content
    banner.delete()
    assert b"Office open" not in client.get("/").content


def test_a_banner_ending_or_starting_is_never_outlived(client, home_page, clock):
    now = timezone.now()
    AlertBanner.objects.create(
        heading="Phone lines down", message="Use e-mail.", ends_at=now + datetime.timedelta(seconds=200)
    )
    AlertBanner.objects.create(
        heading="Planned outage", message="Tomorrow.", starts_at=now + datetime.timedelta(seconds=45)
    )
    content = client.get("/").content
    assert b"Phone lines down" in content and b"Planned outage" not in content
    clock.shift(46)
    content = client.get("/").content
    assert b"Phone lines down" in content and b"Planned outage" in content
    clock.shift(160)
    content = client.get("/").content
    assert b"Phone lines down" not in content and b"Planned outage" in content


def test_a_copy_is_refused_once_its_next_change_has_come(client, home_page, clock):
    # A change Wagtail does not signal (a bulk update) still cannot outlive the next
    # change instant the copy was stored with.
    now = timezone.now()
    AlertBanner.objects.create(
        heading="Phone lines down", message="Use e-mail.", ends_at=now + datetime.timedelta(seconds=100)
    )
    assert b"Phone lines down" in client.get("/").content
    AlertBanner.objects.update(heading="Phones back soon")
    clock.shift(50)
    assert b"Phone lines down" in client.get("/").content  # kept: nothing signalled, instant not reached
    AlertBanner.objects.update(ends_at=now + datetime.timedelta(seconds=1000))
    clock.shift(51)
    content = client.get("/").content
    assert b"Phones back soon" in content


def test_editors_always_get_a_fresh_render(client, home_page):
    page = menu_page(home_page)
    client.get("/")  # stored for anonymous readers
    StandardPage.objects.filter(pk=page.pk).update(title="Renamed quietly")  # no purge
    assert b"Renamed quietly" not in client.get("/").content
    editor = Client()
    log_in_as(editor, "Editors", "fragment-editor")
    assert b"Renamed quietly" in editor.get("/").content

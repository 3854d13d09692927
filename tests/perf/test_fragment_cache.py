"""The main navigation and the alert banners are rendered once and kept in the page cache
(ops/fragment_cache.py) under the page cache's own rule: a change published in Wagtail
shows on the next render, a banner's start or end and any scheduled change are never
outlived, editors always get a fresh render, and the HTML is what a fresh render gives."""

import datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from core.models import AlertBanner, SiteSettings
from dhr.models import DHRSettings, ReviewPage
from home.models import StandardPage
from ops import caching
from tests.dhr.builders import make_index, make_request_form, make_review
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


# The footer, the home page's content, the review listing, the request's site and the
# site's settings are kept under the same rule.


def listed(response, review):
    """Whether the listing links to the review's page (an aged review is only named)."""
    return f'href="{urlsplit(review.url).path}"'.encode() in response.content


def review_listing(home_page):
    index = make_index(home_page)
    make_request_form(index)
    return index


def test_kept_pages_are_what_a_fresh_render_gives(client, home_page, settings):
    index = review_listing(home_page)
    review = make_review(index, "Amira")
    urls = ["/", index.url, f"{index.url}?page=1", review.url]
    first = [client.get(url).content for url in urls]
    kept = [client.get(url).content for url in urls]
    settings.FRAGMENT_CACHE = False
    fresh = [client.get(url).content for url in urls]
    assert f'href="{review.url}"'.encode() in kept[1]
    assert first == kept == fresh


def test_a_review_published_or_unpublished_shows_in_the_listing_at_once(client, home_page):
    index = review_listing(home_page)
    first = make_review(index, "Amira")
    assert listed(client.get(index.url), first)
    second = make_review(index, "Bethan")
    assert listed(client.get(index.url), second)
    second.unpublish()
    response = client.get(index.url)
    assert not listed(response, second) and listed(response, first)


def test_a_review_leaves_the_kept_listing_when_it_comes_down(client, home_page, clock):
    index = review_listing(home_page)
    review = make_review(index, "Amira", keep_online_until=timezone.localdate())  # down in 120 s
    assert listed(client.get(index.url), review)
    clock.shift(60)
    assert listed(client.get(index.url), review)
    cache = caching.page_cache()
    for key in cache._expire_info:  # as if an entry outlived its timeout
        cache._expire_info[key] += 3600
    clock.shift(61)  # past its expire_at; publish_scheduled has not run
    response = client.get(index.url)
    assert not listed(response, review)
    assert b"Reviews available on request" in response.content and b"Amira" in response.content


def test_filtered_listings_are_rendered_every_time(client, home_page):
    index = review_listing(home_page)
    review = make_review(index, "Amira")
    year = review.publication_date.year
    client.get(index.url)
    client.get(f"{index.url}?year={year}")
    ReviewPage.objects.filter(pk=review.pk).update(summary="Changed without a purge.")
    assert b"Changed without a purge." in client.get(f"{index.url}?year={year}").content
    assert b"Changed without a purge." not in client.get(index.url).content  # kept until a purge


def test_settings_saved_show_on_the_next_render(client, home_page, site):
    index = review_listing(home_page)
    make_review(index, "Amira", keep_online_until=timezone.localdate() - datetime.timedelta(days=1))
    client.get(index.url)
    site_settings = SiteSettings.for_site(site)
    site_settings.contact_email = "new-inbox@example.org"
    site_settings.save()
    assert b"new-inbox@example.org" in client.get("/").content
    section_settings = DHRSettings.for_site(site)
    section_settings.review_publication_months = 7
    section_settings.save()
    assert b"for 7 months after they are published" in client.get(index.url).content


def test_editors_read_settings_from_the_database(client, home_page, site):
    client.get("/")
    SiteSettings.objects.filter(site=site).update(contact_email="quiet-change@example.org")  # no purge
    assert b"quiet-change@example.org" not in client.get("/").content
    editor = Client()
    log_in_as(editor, "Editors", "settings-editor")
    assert b"quiet-change@example.org" in editor.get("/").content


def test_a_new_site_is_found_at_once(client, home_page, site_settings, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example.org"]
    other_root = home_page.add_child(
        instance=StandardPage(title="Other partnership", slug="other", summary="-")
    )
    other_root.save_revision().publish()
    client.get("/", HTTP_HOST="other.example.org")  # the default site, kept for that host
    other = Site.objects.create(
        hostname="other.example.org", port=80, root_page=other_root, site_name="Other"
    )
    try:
        response = client.get("/", HTTP_HOST="other.example.org")
    finally:
        other.delete()  # clears Wagtail's cached site root paths, which a rollback would not
    assert b"<h1" in response.content and b"Other partnership" in response.content


def test_kept_values_fall_back_to_the_database_when_the_cache_fails(client, home_page, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    cache = caching.page_cache()
    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    monkeypatch.setattr(caching, "next_change", lambda now=None: None)
    index = review_listing(home_page)
    review = make_review(index, "Amira")
    assert client.get("/").status_code == 200
    assert listed(client.get(index.url), review)

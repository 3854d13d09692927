"""The whole-page cache (wagtail-cache + ops/caching.py) with a frozen clock: purged on
every change, never holding anything past the next scheduled change, never for editors."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from core.models import AlertBanner, SiteSettings
from dhr.models import DHRSettings, ReviewPage
from home.models import HomePage, StandardPage
from ops import caching
from tests.dhr.builders import make_index, make_request_form, make_review

pytestmark = pytest.mark.django_db

# 23:58 UK time (GMT in March): a review kept online "until today" comes down in 120 s.
LATE_EVENING = datetime.datetime(2025, 3, 15, 23, 58, tzinfo=datetime.UTC)
CAP = 300


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.WAGTAIL_CACHE = True
    settings.PAGE_CACHE_MAX_AGE = CAP


@pytest.fixture
def clock():
    with time_machine.travel(LATE_EVENING, tick=False) as traveller:
        yield traveller


def lifetimes(response):
    """(max-age, s-maxage) of a public response; fails on anything else."""
    cache_control = response["Cache-Control"]
    assert cache_control.startswith("public"), cache_control
    return (
        int(re.search(r"(?:^|[ ,])max-age=(\d+)", cache_control).group(1)),
        int(re.search(r"s-maxage=(\d+)", cache_control).group(1)),
    )


def cache_status(response):
    return response.get("X-Wagtail-Cache")


def test_anonymous_pages_are_served_from_the_cache_with_the_same_headers(client, home_page, clock):
    first = client.get("/")
    second = client.get("/")

    assert cache_status(first) == "miss"
    assert cache_status(second) == "hit"
    assert second.content == first.content
    assert lifetimes(first) == lifetimes(second) == (CAP, CAP)
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "Set-Cookie" not in second


def test_a_cached_page_is_purged_on_publish(client, home_page, clock):
    client.get("/")
    assert cache_status(client.get("/")) == "hit"

    page = HomePage.objects.get(pk=home_page.pk)
    page.title = "Welcome to the partnership"
    revision = page.save_revision()
    assert cache_status(client.get("/")) == "hit", "a draft changes nothing readers see"
    revision.publish()

    response = client.get("/")
    assert cache_status(response) == "miss"
    assert b"Welcome to the partnership" in response.content


def test_a_cached_page_is_purged_on_move_unpublish_and_delete(client, home_page, clock):
    index = make_index(home_page)
    other_index = make_index(
        home_page.add_child(instance=StandardPage(title="Archive", slug="archive", summary="Old."))
    )
    make_review(index, "Lesley")

    def reloaded():
        return ReviewPage.objects.get(slug="lesley")

    for action in (
        lambda: reloaded().move(other_index, pos="last-child"),
        lambda: reloaded().unpublish(),
        lambda: reloaded().delete(),
    ):
        client.get("/")
        assert cache_status(client.get("/")) == "hit"
        action()
        assert cache_status(client.get("/")) == "miss"


def test_a_page_made_private_leaves_the_cache_at_once(client, home_page, clock):
    page = home_page.add_child(
        instance=StandardPage(
            title="Partners only", slug="partners", summary="Minutes of the partners' meeting."
        )
    )
    client.get("/partners/")
    assert cache_status(client.get("/partners/")) == "hit"

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="partners-2026"
    )
    response = client.get("/partners/")
    assert cache_status(response) != "hit"
    assert "Minutes of the partners" not in response.content.decode()

    client.get("/partners/")
    restriction.delete()
    response = client.get("/partners/")
    assert cache_status(response) == "miss"
    assert "Minutes of the partners" in response.content.decode()


def test_alert_banners_and_settings_clear_the_cache(client, home_page, clock):
    client.get("/")
    banner = AlertBanner.objects.create(heading="Office closed", message="Closed on Monday.")
    response = client.get("/")
    assert cache_status(response) == "miss"
    assert b"Office closed" in response.content

    banner.delete()
    assert b"Office closed" not in client.get("/").content

    client.get("/")
    settings_row = SiteSettings.for_site(home_page.get_site())
    settings_row.contact_phone = "01632 960 123"
    settings_row.save()
    assert cache_status(client.get("/")) == "miss"

    client.get("/")
    section_settings = DHRSettings.for_site(home_page.get_site())
    section_settings.review_publication_months = 18
    section_settings.save()
    assert cache_status(client.get("/")) == "miss"


def test_no_response_about_a_review_outlives_its_expiry(client, home_page, clock):
    index = make_index(home_page)
    make_request_form(index)
    review = make_review(index, "Amira", keep_online_until=timezone.localdate())
    left = (review.expire_at - timezone.now()).total_seconds()
    assert left == 120

    urls = [review.url, index.url, "/", "/search/?q=Amira", "/sitemap.xml"]
    for url in urls:
        for _ in range(2):  # as stored, and as served from the cache
            response = client.get(url)
            assert response.status_code == 200, url
            assert max(lifetimes(response)) <= left, url

    clock.shift(100)  # 20 seconds left: copies in the cache count down with it
    for url in urls:
        response = client.get(url)
        assert max(lifetimes(response)) <= 20, url


def test_an_aged_review_is_never_served_from_the_cache(client, home_page, clock):
    index = make_index(home_page)
    review = make_review(index, "Amira", keep_online_until=timezone.localdate())
    client.get(review.url)
    assert cache_status(client.get(review.url)) == "hit"
    assert f'href="{review.url}"'.encode() in client.get(index.url).content

    clock.shift(121)  # past expire_at; publish_scheduled has not run

    gone = client.get(review.url)
    assert gone.status_code == 410
    assert cache_status(gone) != "hit"
    listing = client.get(index.url)
    assert cache_status(listing) == "miss"
    assert f'href="{review.url}"'.encode() not in listing.content


def test_a_cached_page_needs_no_further_lookup_and_still_counts_down(client, home_page, clock, monkeypatch):
    index = make_index(home_page)
    review = make_review(index, "Amira", keep_online_until=timezone.localdate())
    assert max(lifetimes(client.get(index.url))) == 120

    def no_lookup(now=None):
        raise AssertionError("a page served from the cache looked up the next change")

    monkeypatch.setattr(caching, "next_change", no_lookup)
    clock.shift(30)
    hit = client.get(index.url)
    assert cache_status(hit) == "hit"
    assert lifetimes(hit) == (90, 90), "the instant stored with the page bounds the copy"
    assert b"Amira" in hit.content
    assert review.expire_at - timezone.now() == datetime.timedelta(seconds=90)


def keep_every_stored_page_for_an_hour():
    """What an entry outliving its timeout looks like (Redis keeps whole seconds, app
    servers' clocks differ): push the local-memory cache's expiry times out."""
    cache = caching.page_cache()
    for key in cache._expire_info:
        cache._expire_info[key] = cache._expire_info[key] + 3600


def test_a_stored_page_is_refused_once_its_next_change_has_come(client, home_page, clock):
    index = make_index(home_page)
    review = make_review(index, "Amira", keep_online_until=timezone.localdate())
    client.get(index.url)
    client.get(review.url)
    assert cache_status(client.get(index.url)) == "hit"
    keep_every_stored_page_for_an_hour()

    clock.shift(121)  # past expire_at, with both pages still in the cache

    listing = client.get(index.url)
    assert cache_status(listing) == "miss"
    assert f'href="{review.url}"'.encode() not in listing.content
    gone = client.get(review.url)
    assert gone.status_code == 410
    assert cache_status(gone) != "hit"


def test_the_listing_is_not_cached_past_a_scheduled_review_going_live(client, home_page, clock):
    index = make_index(home_page)
    go_live = timezone.now() + datetime.timedelta(seconds=90)
    make_review(index, "Rose", publication_date=None, go_live_at=go_live)

    assert max(lifetimes(client.get(index.url))) <= 90


def test_banner_start_and_end_bound_every_page(client, home_page, clock):
    now = timezone.now()
    AlertBanner.objects.create(
        heading="Phone lines down", message="Use e-mail.", ends_at=now + datetime.timedelta(seconds=200)
    )
    assert max(lifetimes(client.get("/"))) <= 200
    AlertBanner.objects.create(
        heading="Planned outage",
        message="Tomorrow.",
        starts_at=now + datetime.timedelta(seconds=45),
    )
    assert max(lifetimes(client.get("/"))) <= 45
    clock.shift(46)
    assert b"Planned outage" in client.get("/").content


def test_a_logged_in_editor_never_gets_or_fills_a_cached_page(client, admin_client, home_page, clock):
    editor = admin_client.get("/")
    assert cache_status(editor) == "skip"
    assert "private" in editor["Cache-Control"]
    assert cache_status(client.get("/")) == "miss", "the editor's page was not stored"

    assert cache_status(client.get("/")) == "hit"
    editor = admin_client.get("/")
    assert cache_status(editor) == "skip"
    assert "private" in editor["Cache-Control"]


def test_a_made_up_session_cookie_gets_the_cached_page_for_at_most_one_query(
    client, home_page, clock, django_assert_max_num_queries
):
    client.get("/")
    assert cache_status(client.get("/")) == "hit"

    for forged in ("x", "a" * 32):
        client.cookies["sessionid"] = forged
        with django_assert_max_num_queries(1 if len(forged) == 32 else 0):
            response = client.get("/")
        assert cache_status(response) == "hit", forged
        assert lifetimes(response) == (CAP, CAP)


def test_a_reader_with_a_real_session_gets_a_fresh_page(client, home_page, clock):
    from django.contrib.sessions.backends.db import SessionStore

    client.get("/")
    session = SessionStore()
    session["passed_page_view_restrictions"] = [1]  # as after giving a private page's password
    session.create()
    client.cookies["sessionid"] = session.session_key

    response = client.get("/")

    assert cache_status(response) == "skip"
    assert "private" in response["Cache-Control"]


def test_forms_posts_admin_and_health_check_are_not_cached(client, home_page, clock):
    form_page = make_request_form(make_index(home_page))

    form = client.get(form_page.url)
    assert form.status_code == 200
    assert "csrftoken" in form.cookies
    assert "private" in form["Cache-Control"]
    assert cache_status(client.get(form_page.url)) != "hit"

    posted = client.post(form_page.url, {})
    assert "private" in posted["Cache-Control"]
    for url in ("/admin/login/", "/healthz"):
        client.get(url)
        response = client.get(url)
        assert cache_status(response) != "hit", url
        assert "public" not in response.get("Cache-Control", ""), url


def test_the_next_change_is_one_query_and_remembered(home_page, clock, django_assert_num_queries):
    caching.page_cache().clear()
    AlertBanner.objects.bulk_create(  # no signals: nothing purged or recomputed
        [
            AlertBanner(
                heading="Soon",
                message="x",
                starts_at=timezone.now() + datetime.timedelta(hours=1),
                locale=Locale.get_default(),
            )
        ]
    )
    with django_assert_num_queries(1):
        assert caching.next_change() == timezone.now() + datetime.timedelta(hours=1)
    with django_assert_num_queries(0):
        assert caching.max_age() == CAP

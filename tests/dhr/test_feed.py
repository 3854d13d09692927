"""Issue 18: the DHR section's Atom feed of newly published reviews and their public change
notes. It follows the visibility rule at request time: a review that has come down leaves
the feed, with its notes, at its come-down moment, before and after ``publish_scheduled``;
it is cached no longer than pages are; and it costs the same queries however many reviews."""

import datetime
import re

import feedparser
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command

from core.models import ChangeNote
from dhr.models import ReviewPage
from i18n.languages import forget_locales
from tests.dhr.builders import make_document, make_many_live_reviews, make_request_form, make_review
from tests.helpers import get_with_query_count

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.datetime(2025, 3, 3, 10, 0, tzinfo=datetime.UTC)
UPDATED = datetime.datetime(2025, 6, 2, 9, 0, tzinfo=datetime.UTC)
BEFORE_EXPIRY = datetime.datetime(2026, 3, 2, 23, 50, tzinfo=datetime.UTC)
# Lesley's review comes down at midnight UK time (GMT in March) starting 3 March 2026.
EXPIRY = datetime.datetime(2026, 3, 3, 0, 0, tzinfo=datetime.UTC)
NOTE = "Action plan progress updated: four of the six actions are complete."


def publish_with_note(review, note, at):
    with time_machine.travel(at, tick=False):
        draft = ReviewPage.objects.get(pk=review.pk).get_latest_revision_as_object()
        draft.public_change_note = note
        draft.save_revision().publish()


@pytest.fixture
def section(index):
    with time_machine.travel(PUBLISHED, tick=False):
        make_request_form(index)
        aged = make_review(index, "Lesley", publication_date=PUBLISHED.date())
        current = make_review(
            index, "Amira", publication_date=PUBLISHED.date(), keep_online_until=datetime.date(2027, 1, 1)
        )
    publish_with_note(aged, NOTE, UPDATED)
    publish_with_note(current, "Added the Home Office letter.", UPDATED + datetime.timedelta(days=1))
    return index, ReviewPage.objects.get(pk=aged.pk), ReviewPage.objects.get(pk=current.pk)


def feed_url(index):
    return f"{index.url}feed/"


def read_feed(client, index):
    response = client.get(feed_url(index))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert parsed.version == "atom10" and not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_the_feed_is_valid_atom_with_reviews_and_their_notes(client, section):
    index, aged, current = section
    with time_machine.travel(BEFORE_EXPIRY, tick=False):
        parsed = read_feed(client, index)

    assert parsed.feed.title == index.title
    assert parsed.feed.link == index.full_url
    entries = [(entry.title, entry.link) for entry in parsed.entries]
    assert entries == [
        (f"Updated: {current.title}", f"{current.full_url}#updates"),
        (f"Updated: {aged.title}", f"{aged.full_url}#updates"),
        (current.title, current.full_url),
        (aged.title, aged.full_url),
    ]
    assert parsed.entries[1].summary == NOTE
    assert parsed.entries[3].summary == aged.summary
    assert parsed.entries[1].updated_parsed[:5] == UPDATED.timetuple()[:5]
    assert len({entry.id for entry in parsed.entries}) == 4


def test_the_section_page_links_its_feed(client, section):
    index, _aged, _current = section
    head = BeautifulSoup(client.get(index.url).content, "html.parser").head
    (link,) = head.select('link[rel="alternate"][type="application/atom+xml"]')
    assert link["href"] == feed_url(index)
    assert link["title"]


def test_a_review_and_its_notes_leave_the_feed_when_it_comes_down(client, section):
    index, aged, current = section
    assert aged.expire_at == EXPIRY
    with time_machine.travel(EXPIRY - datetime.timedelta(seconds=1), tick=False):
        links = [entry.link for entry in read_feed(client, index).entries]
        assert f"{aged.full_url}#updates" in links and aged.full_url in links

    with time_machine.travel(EXPIRY + datetime.timedelta(minutes=1), tick=False):
        # publish_scheduled has not run: the review is still live in the database.
        assert ReviewPage.objects.get(pk=aged.pk).live
        assert_gone_everywhere(client, index, aged, current)
        call_command("publish_scheduled", verbosity=0)
        assert not ReviewPage.objects.get(pk=aged.pk).live
        assert_gone_everywhere(client, index, aged, current)
    # The note itself is kept for editors; it is never shown.
    assert ChangeNote.objects.filter(page_id=aged.pk).exists()


def assert_gone_everywhere(client, index, aged, current):
    text = client.get(feed_url(index)).content.decode()
    assert aged.full_url not in text and NOTE not in text and aged.title not in text
    assert current.full_url in text
    response = client.get(aged.url)
    assert response.status_code == 410
    assert NOTE not in response.content.decode()
    assert NOTE not in client.get(index.url).content.decode()
    assert NOTE not in client.get("/search/", {"q": "action plan progress"}).content.decode()


def test_a_withdrawn_review_is_never_in_the_feed(client, section):
    index, aged, _current = section
    with time_machine.travel(BEFORE_EXPIRY, tick=False):
        ReviewPage.objects.get(pk=aged.pk).unpublish()
        text = client.get(feed_url(index)).content.decode()
    assert aged.full_url not in text and NOTE not in text


def test_the_feed_is_cached_no_longer_than_the_next_come_down(client, section, settings):
    index, _aged, _current = section
    settings.WAGTAIL_CACHE = True
    settings.PAGE_CACHE_MAX_AGE = 300
    with time_machine.travel(EXPIRY - datetime.timedelta(seconds=90), tick=False):
        response = client.get(feed_url(index))
    cache_control = response["Cache-Control"]
    assert cache_control.startswith("public")
    assert int(re.search(r"(?:^|[ ,])max-age=(\d+)", cache_control).group(1)) == 90
    assert int(re.search(r"s-maxage=(\d+)", cache_control).group(1)) == 90


def test_the_feed_queries_do_not_grow_with_the_reviews(client, section, site_settings):
    """Measured with the site settings stored, as after a site's first request."""
    index, _aged, _current = section
    documents = [make_document("Shared report")]

    def measure():
        # Made live directly, so given the moment they went live as publishing would.
        ReviewPage.objects.filter(first_published_at=None).update(first_published_at=BEFORE_EXPIRY)
        cache.clear()
        forget_locales()
        _, cold = get_with_query_count(client, feed_url(index))
        assert cold <= 15
        # Then as every reader after the first finds it (the site's root paths cached).
        return get_with_query_count(client, feed_url(index))

    with time_machine.travel(BEFORE_EXPIRY, tick=False):
        make_many_live_reviews(index, 3, documents)
        _, few = measure()
        make_many_live_reviews(index, 60, documents)
        response, many = measure()
    assert response.status_code == 200
    assert few == many <= 15
    assert len(feedparser.parse(response.content).entries) == 50


def test_the_welsh_section_has_its_own_feed(client, section, site_settings):
    from tests.welsh import offer_welsh, translate, welsh_home

    index, aged, current = section
    locale = offer_welsh(site_settings)
    welsh_home(site_settings.site.root_page, locale)
    welsh_index = translate(index, locale, slug="adolygiadau")
    with time_machine.travel(BEFORE_EXPIRY, tick=False):
        welsh_review = translate(current, locale)
        response = client.get(f"{welsh_index.url}feed/")
    assert welsh_index.url.startswith("/cy/")
    parsed = feedparser.parse(response.content)
    assert response.status_code == 200 and not parsed.bozo
    assert parsed.feed.language == "cy"
    links = {entry.link for entry in parsed.entries}
    # The Welsh review, and the notes of the review it translates, link to the Welsh page.
    assert links == {welsh_review.full_url, f"{welsh_review.full_url}#updates"}
    head = BeautifulSoup(client.get(welsh_index.url).content, "html.parser").head
    assert head.select_one('link[type="application/atom+xml"]')["href"] == f"{welsh_index.url}feed/"

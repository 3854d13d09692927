"""A review and its Welsh translation are one review: same dates, same documents, and
they come down at the same moment on every route, whatever the cron has done. The clock
is frozen so "aged" is exact (the English-only cases are in test_leaks.py)."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from dhr.models import ReviewPage
from dhr.translations import SourceNotLive
from tests.dhr.builders import make_index, make_request_form, make_review
from tests.dhr.test_leaks import AFTER_EXPIRY, ONE_DAY_BEFORE_EXPIRY, PUBLISHED, document_urls
from tests.welsh import offer_welsh, translate, welsh_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual(home_page, site_settings):
    with time_machine.travel(PUBLISHED, tick=False):
        locale = offer_welsh(site_settings)
        welsh_home(home_page, locale)
        index = make_index(home_page)
        form_page = make_request_form(index)
        welsh_index = translate(index, locale, title="Adolygiadau dynladdiad domestig", slug="adolygiadau")
        welsh_form = translate(form_page, locale, title="Gofyn am gopi", slug="gofyn-am-gopi")
        review = make_review(
            index,
            "Lesley",
            publication_date=PUBLISHED.date(),
            html_version="<p>Web version of the report about Lesley.</p>",
        )
        welsh = translate(review, locale, summary="Crynodeb o adolygiad Lesley.")
    return {
        "index": index,
        "welsh_index": welsh_index,
        "form": form_page,
        "welsh_form": welsh_form,
        "review": review,
        "welsh": welsh,
        "locale": locale,
    }


def search_links(client, prefix, query):
    return client.get(f"{prefix}/search/", {"q": query}).content.decode()


def assert_public(client, review, index):
    response = client.get(review.url)
    assert response.status_code == 200, review.url
    assert review.summary in response.content.decode()
    assert f'href="{review.url}"' in client.get(index.url).content.decode()
    assert review.full_url in client.get("/sitemap.xml").content.decode()


def assert_gone(client, review, index, prefix):
    response = client.get(review.url)
    assert response.status_code == 410, review.url
    html = response.content.decode()
    assert review.summary not in html
    for url in document_urls(review):
        assert url not in html
        assert client.get(url).status_code in (404, 410)
    for item in review.documents.exclude(html_version=""):
        assert client.get(item.html_version_url).status_code == 410
    assert f'href="{review.url}"' not in client.get(index.url).content.decode()
    assert review.url not in search_links(client, prefix, "Lesley")
    assert review.full_url not in client.get("/sitemap.xml").content.decode()


def test_translation_copies_the_english_dates_and_is_titled_in_welsh(bilingual):
    review, welsh = bilingual["review"], bilingual["welsh"]
    assert welsh.url == "/cy/adolygiadau/lesley/"
    assert welsh.title == "Adolygiad Dynladdiad Domestig i farwolaeth 'Lesley'"
    assert (welsh.publication_date, welsh.expire_at) == (review.publication_date, review.expire_at)
    assert welsh.locale.language_code == "cy"


def test_both_languages_are_public_until_the_period_ends_then_gone_on_every_route(client, bilingual):
    b = bilingual
    with time_machine.travel(ONE_DAY_BEFORE_EXPIRY, tick=False):
        assert_public(client, b["review"], b["index"])
        assert_public(client, b["welsh"], b["welsh_index"])
        assert b["welsh"].url in search_links(client, "/cy", "Lesley")
        for url in document_urls(b["welsh"]):
            assert client.get(url).status_code == 200
        (item,) = b["welsh"].documents.exclude(html_version="")[:1]
        web_version = client.get(item.html_version_url).content.decode()
        assert '<div class="app-rich-text" lang="en-GB">' in web_version  # the report stays English
    with time_machine.travel(AFTER_EXPIRY, tick=False):
        # Before publish_scheduled runs ...
        assert ReviewPage.objects.get(pk=b["welsh"].pk).live
        assert_gone(client, b["review"], b["index"], "")
        assert_gone(client, b["welsh"], b["welsh_index"], "/cy")
        # ... and after.
        call_command("publish_scheduled", verbosity=0)
        assert not ReviewPage.objects.filter(pk__in=[b["review"].pk, b["welsh"].pk], live=True).exists()
        assert_gone(client, b["review"], b["index"], "")
        assert_gone(client, b["welsh"], b["welsh_index"], "/cy")
        listing = client.get(b["welsh_index"].url).content.decode()
        assert f"{b['welsh_form'].url}?review={b['welsh'].pk}" in listing


def test_a_welsh_page_with_a_later_date_still_comes_down_with_the_english(client, bilingual):
    b = bilingual
    # Dates that have drifted apart (say, edited in the database): the earliest wins.
    ReviewPage.objects.filter(pk=b["welsh"].pk).update(expire_at=AFTER_EXPIRY + datetime.timedelta(days=90))
    with time_machine.travel(AFTER_EXPIRY, tick=False):
        assert_gone(client, b["welsh"], b["welsh_index"], "/cy")
        assert client.get(b["review"].url).status_code == 410


@pytest.mark.parametrize("drifted", ["welsh", "review"])
def test_the_listing_count_and_rows_agree_when_a_translations_date_has_drifted(client, bilingual, drifted):
    """One language's come-down date moved earlier (say, edited in the database): every
    language of the review has come down, and each listing counts what it lists."""
    from bs4 import BeautifulSoup

    b = bilingual
    ReviewPage.objects.filter(pk=b[drifted].pk).update(expire_at=ONE_DAY_BEFORE_EXPIRY)
    with time_machine.travel(ONE_DAY_BEFORE_EXPIRY + datetime.timedelta(hours=1), tick=False):
        for index, review in ((b["index"], b["review"]), (b["welsh_index"], b["welsh"])):
            page = BeautifulSoup(client.get(index.url).content, "html.parser")
            rows = page.select(".app-review")
            counts = [
                int(words[0])
                for words in (status.get_text().split() for status in page.select("p[role=status]"))
                if words and words[0].isdigit()
            ]
            count = counts[0] if counts else 0
            assert count == len(rows) == 0, index.url
            assert len(page.select(".app-aged-review")) == 1, index.url
            assert client.get(review.url).status_code == 410


def test_the_english_page_wins_when_the_translation_is_published(bilingual):
    b = bilingual
    later = datetime.date(2027, 6, 30)
    with time_machine.travel(PUBLISHED, tick=False):
        draft = b["welsh"].get_latest_revision_as_object()
        draft.keep_online_until = later  # cannot be set on the translation alone
        draft.save_revision().publish()
    welsh = ReviewPage.objects.get(pk=b["welsh"].pk)
    assert welsh.keep_online_until is None
    assert welsh.expire_at == b["review"].expire_at


def test_publishing_the_english_page_updates_the_translation(bilingual):
    b = bilingual
    with time_machine.travel(PUBLISHED, tick=False):
        draft = b["review"].get_latest_revision_as_object()
        draft.keep_online_until = datetime.date(2027, 6, 30)
        draft.save_revision().publish()
    review = ReviewPage.objects.get(pk=b["review"].pk)
    welsh = ReviewPage.objects.get(pk=b["welsh"].pk)
    assert timezone.localtime(review.expire_at).date() == datetime.date(2027, 7, 1)
    assert (welsh.keep_online_until, welsh.expire_at) == (review.keep_online_until, review.expire_at)


def test_unpublishing_the_english_page_unpublishes_the_translation(client, bilingual):
    b = bilingual
    # Before the come-down date, so the review is withdrawn (404), not come down (410).
    with time_machine.travel(ONE_DAY_BEFORE_EXPIRY, tick=False):
        b["review"].unpublish()
        assert not ReviewPage.objects.get(pk=b["welsh"].pk).live
        assert client.get(b["welsh"].url).status_code == 404


def test_unpublishing_the_english_page_after_its_come_down_date_takes_every_language_down(client, bilingual):
    b = bilingual
    with time_machine.travel(AFTER_EXPIRY, tick=False):
        b["review"].unpublish()
        welsh = ReviewPage.objects.get(pk=b["welsh"].pk)
        assert (welsh.live, welsh.expired) == (False, True)
        assert client.get(b["welsh"].url).status_code == 410
        assert client.get(b["review"].url).status_code == 410


def test_a_translation_cannot_go_live_before_the_english_page(bilingual):
    b = bilingual
    english = make_review(b["index"], "Amira", publish=False)
    welsh = translate(english, b["locale"], publish=False)
    with pytest.raises(SourceNotLive):
        welsh.get_latest_revision().publish()
    assert not ReviewPage.objects.get(pk=welsh.pk).live

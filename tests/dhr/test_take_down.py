"""A moderator's take-down ends in the same state on every route, whoever ran it
(docs/dhr-publishing.md, "Taking a review down"):

- unpublished on or after its come-down date, a review has **come down**: 410 with the
  "available on request" page, listed as available on request, as when
  ``publish_scheduled`` takes it down;
- unpublished before that date, it is **withdrawn**: 404 everywhere, listed nowhere, and it
  stays withdrawn once the date has passed.
"""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command

from dhr.models import ReviewPage
from tests.dhr.builders import make_index, make_request_form, make_review
from tests.dhr.test_leaks import (
    AFTER_EXPIRY,
    ONE_DAY_BEFORE_EXPIRY,
    PUBLISHED,
    assert_review_is_gone,
    document_urls,
    html_version_urls,
    search_result_links,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(home_page):
    with time_machine.travel(PUBLISHED, tick=False):
        index = make_index(home_page)
        form_page = make_request_form(index)
        review = make_review(
            index,
            "Lesley",
            publication_date=PUBLISHED.date(),
            html_version="<p>Web version of the report about Lesley.</p>",
        )
    return index, form_page, review


@pytest.fixture
def moderator(client, django_user_model):
    user = django_user_model.objects.create_user("moderator", "moderator@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return user


def prefilled_review(client, form_page, review):
    """What the request form fills in as the review requested, following ``?review=``."""
    page = BeautifulSoup(client.get(form_page.url, {"review": review.pk}).content, "html.parser")
    field = page.select_one("[name=review]")
    return field.get("value", "") if field else ""


def unpublish_as_moderator(client, review):
    response = client.post(f"/admin/pages/{review.pk}/unpublish/")
    assert response.status_code == 302, response.content[:300]
    client.logout()
    return ReviewPage.objects.get(pk=review.pk)


def assert_withdrawn(client, review, form_page):
    assert client.get(review.url).status_code == 404
    for url in html_version_urls(review):
        assert client.get(url).status_code == 404
    for url in document_urls(review):
        assert client.get(url).status_code == 404
    listing = client.get(review.get_parent().url).content.decode()
    assert f'href="{review.url}"' not in listing
    assert f"?review={review.pk}" not in listing
    assert "Reviews available on request" not in listing
    assert review.url not in search_result_links(client, "Lesley")
    assert review.full_url not in client.get("/sitemap.xml").content.decode()
    assert prefilled_review(client, form_page, review) == ""


def test_taken_down_after_its_come_down_date_it_has_come_down(client, section, moderator):
    _index, form_page, review = section
    with time_machine.travel(AFTER_EXPIRY, tick=False):
        review = unpublish_as_moderator(client, review)
        assert (review.live, review.expired) == (False, True)
        assert_review_is_gone(client, review, form_page)
        assert prefilled_review(client, form_page, review) == review.title

        # publish_scheduled finds nothing more to do, and changes nothing.
        call_command("publish_scheduled", verbosity=0)
        assert_review_is_gone(client, review, form_page)


def test_taken_down_before_its_come_down_date_it_is_withdrawn_and_stays_withdrawn(client, section, moderator):
    _index, form_page, review = section
    with time_machine.travel(ONE_DAY_BEFORE_EXPIRY, tick=False):
        review = unpublish_as_moderator(client, review)
        assert (review.live, review.expired) == (False, False)
        assert_withdrawn(client, review, form_page)
    with time_machine.travel(AFTER_EXPIRY, tick=False):
        call_command("publish_scheduled", verbosity=0)
        # An editor saving a draft of it later does not turn it into one that came down.
        review.get_latest_revision_as_object().save_revision()
        review.refresh_from_db()
        assert (review.live, review.expired) == (False, False)
        assert_withdrawn(client, review, form_page)


def test_a_review_that_came_down_can_be_restored_by_publishing_it_again(client, section, moderator):
    _index, form_page, review = section
    with time_machine.travel(AFTER_EXPIRY, tick=False):
        review = unpublish_as_moderator(client, review)
        draft = review.get_latest_revision_as_object()
        draft.keep_online_until = datetime.date(2026, 12, 31)
        draft.save_revision().publish()
        review = ReviewPage.objects.get(pk=review.pk)
        assert (review.live, review.expired) == (True, False)
        assert client.get(review.url).status_code == 200


def test_reviews_unpublished_by_hand_after_their_date_before_this_rule_are_marked_come_down(section):
    """The data migration for reviews a moderator took down before the rule existed: those
    unpublished after their come-down date have come down, those unpublished before stay
    withdrawn."""
    import importlib

    from django.apps import apps
    from wagtail.models import PageLogEntry

    migration = importlib.import_module("dhr.migrations.0007_come_down_whoever_unpublished")
    index, _form_page, late = section
    with time_machine.travel(PUBLISHED, tick=False):
        early = make_review(index, "Amira", publication_date=PUBLISHED.date())
    for review, when in ((late, AFTER_EXPIRY), (early, ONE_DAY_BEFORE_EXPIRY)):
        # As the admin left them before: unpublished, not marked expired, and logged.
        ReviewPage.objects.filter(pk=review.pk).update(live=False, expired=False)
        entry = PageLogEntry.objects.log_action(instance=review, action="wagtail.unpublish")
        PageLogEntry.objects.filter(pk=entry.pk).update(timestamp=when)

    migration.mark_come_down(apps, None)

    assert ReviewPage.objects.get(pk=late.pk).expired
    assert not ReviewPage.objects.get(pk=early.pk).expired


def test_every_address_below_a_review_that_came_down_is_gone_before_and_after_publish_scheduled(
    client, section
):
    _index, _form_page, review = section
    with time_machine.travel(AFTER_EXPIRY, tick=False):
        assert client.get(f"{review.url}html/999/").status_code == 410
        assert client.get(f"{review.url}no-such-thing/").status_code == 410
        call_command("publish_scheduled", verbosity=0)
        assert client.get(f"{review.url}no-such-thing/").status_code == 410


def test_a_review_that_came_down_in_a_private_section_asks_for_the_password_first(client, section):
    from wagtail.models import PageViewRestriction

    index, _form_page, review = section
    PageViewRestriction.objects.create(page=index, restriction_type="password", password="s3cret")
    with time_machine.travel(AFTER_EXPIRY, tick=False):
        response = client.get(review.url)
        assert response.status_code == 200  # Wagtail's password form
        assert "password" in response.content.decode().lower()
        assert "Lesley" not in response.content.decode()


def test_a_bulk_unpublish_after_the_come_down_date_also_means_it_has_come_down(client, section, moderator):
    _index, form_page, review = section
    with time_machine.travel(AFTER_EXPIRY, tick=False):
        response = client.post(f"/admin/bulk/wagtailcore/page/unpublish/?id={review.pk}", {})
        assert response.status_code == 302, response.content[:300]
        client.logout()
        review = ReviewPage.objects.get(pk=review.pk)
        assert (review.live, review.expired) == (False, True)
        assert_review_is_gone(client, review, form_page)

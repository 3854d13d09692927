"""Nothing of an aged or not-yet-live review reaches readers or robots, by any route,
before or after ``publish_scheduled`` runs. The clock is frozen so "aged" is exact."""

import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from dhr.models import ReviewPage
from tests.dhr.builders import add_documents, make_index, make_request_form, make_review

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.datetime(2025, 3, 3, 10, 0, tzinfo=datetime.UTC)
ONE_DAY_BEFORE_EXPIRY = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
AFTER_EXPIRY = datetime.datetime(2026, 4, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def section(home_page):
    with time_machine.travel(PUBLISHED, tick=False):
        index = make_index(home_page)
        form_page = make_request_form(index)
        aged = make_review(
            index,
            "Lesley",
            publication_date=PUBLISHED.date(),
            html_version="<p>Web version of the report about Lesley.</p>",
            joint_review_with="Safer Kelbrook Partnership",
        )
        current = make_review(
            index, "Amira", publication_date=PUBLISHED.date(), keep_online_until=datetime.date(2027, 1, 1)
        )
    return index, form_page, aged, current


def document_urls(review):
    return [item.document.url for item in review.documents.all()]


def html_version_urls(review):
    return [item.html_version_url for item in review.documents.exclude(html_version="")]


def search_result_links(client, query):
    content = client.get("/search/", {"q": query}).content.decode()
    return re.findall(r'<h2 class="govuk-heading-s[^"]*"><a class="govuk-link" href="([^"]+)"', content)


def assert_review_is_gone(client, review, form_page):
    response = client.get(review.url)
    assert response.status_code == 410
    html = response.content.decode()
    # It says what it was and how to get a copy ...
    assert "no longer published online" in html
    assert f"{form_page.url}?review={review.pk}" in html
    # ... and nothing of the report.
    for leaked in [
        review.summary,
        "Executive summary text for Lesley",
        "March 2022",
        "Safer Kelbrook",
        ".pdf",
    ]:
        assert leaked not in html
    for url in document_urls(review):
        assert url not in html
        assert client.get(url).status_code in (404, 410)
    for url in html_version_urls(review):
        assert client.get(url).status_code == 410

    listing = client.get(review.get_parent().url).content.decode()
    assert f'href="{review.url}"' not in listing
    assert "Reviews available on request" in listing
    assert f"{form_page.url}?review={review.pk}" in listing
    for url in document_urls(review):
        assert url not in listing

    assert review.url not in search_result_links(client, "Lesley")
    assert review.full_url not in client.get("/sitemap.xml").content.decode()


def assert_review_is_public(client, review):
    response = client.get(review.url)
    assert response.status_code == 200
    assert review.summary in response.content.decode()
    for url in document_urls(review):
        assert client.get(url).status_code == 200
    assert f'href="{review.url}"' in client.get(review.get_parent().url).content.decode()
    assert review.full_url in client.get("/sitemap.xml").content.decode()


def test_review_is_public_until_its_period_ends(client, section):
    _index, _form_page, aged, current = section
    with time_machine.travel(ONE_DAY_BEFORE_EXPIRY, tick=False):
        assert_review_is_public(client, aged)
        assert aged.url in search_result_links(client, "Lesley")
        for url in html_version_urls(aged):
            assert "Web version of the report about Lesley" in client.get(url).content.decode()


def test_aged_review_is_gone_before_and_after_publish_scheduled(client, section):
    _index, form_page, aged, current = section
    assert aged.expire_at == timezone.make_aware(datetime.datetime(2026, 3, 3))
    with time_machine.travel(AFTER_EXPIRY, tick=False):
        # publish_scheduled has not run: the page is still live in the database.
        assert ReviewPage.objects.get(pk=aged.pk).live
        assert_review_is_gone(client, aged, form_page)
        assert_review_is_public(client, current)

        call_command("publish_scheduled", verbosity=0)

        aged.refresh_from_db()
        assert (aged.live, aged.expired) == (False, True)
        assert_review_is_gone(client, aged, form_page)
        assert_review_is_public(client, current)


def test_subpages_of_an_aged_review_are_gone_too(client, section):
    _index, _form_page, aged, _current = section
    with time_machine.travel(AFTER_EXPIRY, tick=False):
        call_command("publish_scheduled", verbosity=0)
        assert client.get(aged.url + "html/999/").status_code == 410
        assert client.get(aged.url + "anything/").status_code == 410


def test_review_not_yet_live_is_unreachable(client, home_page):
    with time_machine.travel(PUBLISHED, tick=False):
        index = make_index(home_page)
        form_page = make_request_form(index)
        scheduled = make_review(
            index, "Rose", publication_date=None, go_live_at=PUBLISHED + datetime.timedelta(days=10)
        )
        scheduled.refresh_from_db()
        assert not scheduled.live
        assert scheduled.publication_date == datetime.date(2025, 3, 13)

        assert client.get(scheduled.url or f"{index.url}rose/").status_code == 404
        for url in document_urls(scheduled):
            assert client.get(url).status_code == 404
        listing = client.get(index.url).content.decode()
        assert "Rose" not in listing
        assert "/rose/" not in client.get("/sitemap.xml").content.decode()
        assert search_result_links(client, "Rose") == []
        # Its title is not revealed by the request form either.
        form = client.get(form_page.url, {"review": scheduled.pk}).content.decode()
        assert "Rose" not in form

    with time_machine.travel(PUBLISHED + datetime.timedelta(days=11), tick=False):
        call_command("publish_scheduled", verbosity=0)
        scheduled = ReviewPage.objects.get(pk=scheduled.pk)
        assert scheduled.live
        assert_review_is_public(client, scheduled)


def test_draft_review_documents_are_not_served(client, home_page):
    index = make_index(home_page)
    draft = make_review(index, "Grace", publish=False).get_latest_revision_as_object()
    urls = [item.document.url for item in draft.documents.all()]
    assert len(urls) == 3
    # Only in the draft revision so far ...
    for url in urls:
        assert client.get(url).status_code == 404
    # ... and once committed to the page, as the admin does for an unpublished page.
    draft.save()
    assert document_urls(draft) == urls
    for url in urls:
        assert client.get(url).status_code == 404


def test_document_added_in_a_draft_of_a_live_review_waits_for_publication(client, home_page):
    index = make_index(home_page)
    review = make_review(index, "Amira")
    draft = review.get_latest_revision_as_object()
    add_documents(draft, kinds=["home_office_letter"])
    draft.save_revision()
    new_item = next(item for item in draft.documents.all() if item.kind == "home_office_letter")
    assert client.get(new_item.document.url).status_code == 404
    published_urls = document_urls(ReviewPage.objects.get(pk=review.pk))
    assert len(published_urls) == 3
    for url in published_urls:
        assert client.get(url).status_code == 200

    draft.get_latest_revision().publish()
    assert client.get(new_item.document.url).status_code == 200


def test_editors_can_still_open_an_aged_reviews_documents(client, admin_user, section):
    _index, _form_page, aged, _current = section
    with time_machine.travel(AFTER_EXPIRY, tick=False):
        client.force_login(admin_user)
        for url in document_urls(aged):
            assert client.get(url).status_code == 200


def test_documents_not_used_by_reviews_are_unaffected(client, home_page):
    from tests.dhr.builders import make_document

    document = make_document("Annual report")
    assert client.get(document.url).status_code == 200

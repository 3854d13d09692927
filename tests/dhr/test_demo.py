"""The demo DHR section, as `make run` shows it."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from core.models import CSPDocument
from core.visibility import filter_visible
from dhr.models import DHRIndexPage, DHRSettings, RequestCopyFormPage, ReviewDocument, ReviewPage
from dhr.visibility import came_down_q

pytestmark = pytest.mark.django_db


def test_demo_section_has_guidance_reviews_and_form(client, demo_site):
    index = DHRIndexPage.objects.get()
    assert index.url == "/domestic-homicide-reviews/"
    assert index.show_in_menus and index.live

    reviews = ReviewPage.objects.child_of(index)
    assert reviews.count() >= 4
    assert reviews.filter(joint_review_with__gt="").exists()
    assert filter_visible(reviews).count() >= 3
    assert reviews.filter(came_down_q()).count() == 1
    scheduled = reviews.filter(live=False, go_live_at__isnull=False)
    assert scheduled.count() == 1
    assert scheduled.get().revisions.filter(approved_go_live_at__isnull=False).exists()

    kinds = set(ReviewDocument.objects.filter(page__in=reviews).values_list("kind", flat=True))
    assert {"executive_summary", "overview_report", "action_plan"} <= kinds
    assert all(document.page_count for document in CSPDocument.objects.all())

    form_page = RequestCopyFormPage.objects.get()
    assert form_page.url == "/domestic-homicide-reviews/request-a-copy/"
    assert form_page.form_fields.count() >= 4
    assert DHRSettings.for_site(demo_site).request_copy_inbox == "dhr.requests@millbrook.example"

    soup = BeautifulSoup(client.get(index.url).content, "html.parser")
    assert len(soup.select(".app-review")) == filter_visible(reviews).count()
    aged = soup.select(".app-aged-review")
    assert len(aged) == 1
    assert aged[0].select_one("a")["href"].startswith("/domestic-homicide-reviews/request-a-copy/?review=")
    guidance = soup.select_one("main").get_text(" ")
    for topic in ["Domestic Violence, Crime and Victims Act 2004", "not about blame", "coroner", "families"]:
        assert topic in guidance
    assert soup.select_one(".app-documents .app-document__link") is not None


def test_demo_reviews_documents_download(client, demo_site):
    for review in filter_visible(ReviewPage.objects.all()):
        for item in review.documents.all():
            response = client.get(item.document.url)
            assert response.status_code == 200
            assert response["Content-Type"] == "application/pdf"


def test_demo_loader_is_idempotent(demo_site):
    before = (Page.objects.count(), CSPDocument.objects.count(), ReviewDocument.objects.count())
    call_command("load_demo_content", verbosity=0)
    after = (Page.objects.count(), CSPDocument.objects.count(), ReviewDocument.objects.count())
    assert before == after

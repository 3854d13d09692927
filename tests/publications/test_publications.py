"""Issue 18: the partnership's publications. Editors create them and moderators publish
them; readers find them newest first, filtered by kind (a bad kind is a 400 with an error
summary), each with its documents the GOV.UK way, its web version, who published it and
when, whether a newer one supersedes it, and its public change notes."""

import datetime

import feedparser
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.models import ChangeNote
from home.models import HomePage
from i18n.languages import forget_locales
from publications.models import PublicationDocument, PublicationIndexPage, PublicationPage
from tests.dhr.builders import make_document
from tests.helpers import field_help_gaps, get_with_query_count
from tests.publications.builders import make_publication

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(element):
    return " ".join(element.get_text().split())


@pytest.mark.parametrize("model", [PublicationIndexPage, PublicationPage, PublicationDocument])
def test_every_field_has_help_text(model):
    assert field_help_gaps(model, exempt={"page", "sort_order"}) == []


def test_page_shape():
    assert PublicationIndexPage.allowed_parent_page_models() == [HomePage]
    assert PublicationIndexPage.max_count == 1
    assert PublicationIndexPage.allowed_subpage_models() == [PublicationPage]
    assert PublicationPage.allowed_parent_page_models() == [PublicationIndexPage]
    assert PublicationPage.allowed_subpage_models() == []


def publication_form(document, **overrides):
    data = {
        "title": "Community safety partnership plan 2025 to 2028",
        "slug": "partnership-plan-2025-2028",
        "summary": "Our priorities for the next three years and how we will work on them.",
        "kind": "plan",
        "publication_date": "2025-04-01",
        "publisher": "Millbrook Community Safety Partnership",
        "documents": inline_formset([{"document": str(document.pk), "title": "The plan in full"}]),
        "body": streamfield([("paragraph", rich_text("Our first priority is domestic abuse."))]),
        "superseded_by": "",
        "public_change_note": "",
        "last_reviewed": "2026-01-01",
        "next_review_due": "2027-01-01",
        **overrides,
    }
    return nested_form_data(data)


def test_editor_creates_and_submits_and_a_moderator_publishes(client, login, index):
    document = make_document("Partnership plan 2025 to 2028")
    login("Editors")
    url = f"/admin/pages/add/publications/publicationpage/{index.pk}/"

    client.post(url, publication_form(document, slug="tried-to-publish", **{"action-publish": "publish"}))
    response = client.post(url, publication_form(document, **{"action-submit": "submit"}))

    assert response.status_code == 302
    assert not PublicationPage.objects.get(slug="tried-to-publish").live
    publication = PublicationPage.objects.get(slug="partnership-plan-2025-2028")
    assert not publication.live and publication.workflow_in_progress
    client.logout()
    assert client.get(publication.url).status_code == 404
    assert client.get(f"{publication.url}web-version/").status_code == 404

    login("Moderators")
    state = publication.current_workflow_state
    response = client.post(
        f"/admin/pages/workflow/action/{publication.pk}/approve/{state.current_task_state.pk}/",
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED
    client.logout()

    page = soup(client.get(publication.url))
    assert text_of(page.h1) == "Community safety partnership plan 2025 to 2028"
    assert text_of(page.select_one(".govuk-caption-l")) == "Partnership plan or strategy"
    facts = text_of(page.select_one(".app-publication-facts"))
    assert facts == "From Millbrook Community Safety Partnership Published 1 April 2025"
    documents = page.select(".app-documents .app-document")
    assert text_of(documents[0]) == (
        "Community safety partnership plan 2025 to 2028 (web page) HTML: the same text as a web page"
    )
    assert documents[0].a["href"] == f"{publication.url}web-version/"
    assert text_of(documents[1]).startswith("The plan in full PDF, ")
    assert "1 page" in text_of(documents[1])
    assert documents[1].a["href"] == document.url
    web_version = client.get(f"{publication.url}web-version/")
    assert web_version.status_code == 200
    assert "Our first priority is domestic abuse." in web_version.content.decode()


def test_a_publication_records_a_change_note_when_updated(client, login, index):
    with time_machine.travel(datetime.datetime(2025, 4, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        publication = make_publication(index, "Annual report 2024 to 2025", kind="annual_report")
    updated = datetime.datetime(2025, 5, 14, 15, 0, tzinfo=datetime.UTC)
    login("Moderators")
    with time_machine.travel(updated, tick=False):
        draft = publication.get_latest_revision_as_object()
        rows = [
            {"id": str(item.pk), "document": str(item.document_id), "title": ""}
            for item in draft.documents.all()
        ]
        response = client.post(
            f"/admin/pages/{publication.pk}/edit/",
            publication_form(
                publication.documents.first().document,
                title=publication.title,
                slug=publication.slug,
                kind="annual_report",
                documents=inline_formset(rows, initial=len(rows)),
                public_change_note="Added the figures for March.",
                **{"action-publish": "publish"},
            ),
        )
    assert response.status_code == 302
    client.logout()
    page = soup(client.get(publication.url))
    assert text_of(page.select_one(".app-change-history")) == (
        "Published 1 April 2025, last updated 14 May 2025 — see all updates"
    )
    assert "Added the figures for March." in text_of(page.select_one(".app-change-notes"))
    assert ChangeNote.objects.get().published_at == updated
    assert PublicationPage.objects.get(pk=publication.pk).public_change_note == ""


def test_a_superseded_publication_says_so_and_links_its_successor(client, index):
    old = make_publication(index, "Partnership plan 2022 to 2025", publication_date=datetime.date(2022, 4, 1))
    new = make_publication(index, "Partnership plan 2025 to 2028", publish=False)
    draft = old.get_latest_revision_as_object()
    draft.superseded_by = new
    draft.save_revision().publish()

    # Not yet: the newer plan is still a draft, and a reader is never sent to a draft.
    page = soup(client.get(old.url))
    assert not page.select(".app-superseded")
    listing = soup(client.get(index.url))
    assert "Superseded" not in text_of(listing.select_one(".app-listing"))

    new.get_latest_revision().publish()
    cache.clear()
    page = soup(client.get(old.url))
    notice = page.select_one(".app-superseded")
    assert (
        text_of(notice) == "! Warning This publication has been superseded by Partnership plan 2025 to 2028."
    )
    assert notice.a["href"] == new.url
    listing = soup(client.get(index.url))
    items = listing.select(".app-listing__item")
    assert [text_of(item.h3) for item in items] == [
        "Partnership plan 2025 to 2028",
        "Partnership plan 2022 to 2025",
    ]
    assert "Superseded Replaced by Partnership plan 2025 to 2028" in text_of(items[1])
    assert "Superseded" not in text_of(items[0])
    # The current one says nothing of the kind.
    assert not soup(client.get(new.url)).select(".app-superseded")

    # Once the newer one comes down, the older is no longer said to be superseded by it.
    PublicationPage.objects.get(pk=new.pk).unpublish()
    assert not soup(client.get(old.url)).select(".app-superseded")


def test_a_publication_cannot_supersede_itself_or_its_successor(index):
    from django.core.exceptions import ValidationError

    old = make_publication(index, "Plan 2019")
    new = make_publication(index, "Plan 2022", superseded_by=None)
    old.superseded_by = new
    old.save_revision().publish()
    new.superseded_by = PublicationPage.objects.get(pk=old.pk)
    with pytest.raises(ValidationError, match="superseded by this one"):
        new.full_clean()
    new.superseded_by = new
    with pytest.raises(ValidationError, match="cannot supersede itself"):
        new.full_clean()


def test_the_listing_filters_by_kind(client, index):
    make_publication(index, "Partnership plan 2025 to 2028")
    make_publication(index, "Strategic assessment summary 2025", kind="strategic_assessment")
    make_publication(index, "Briefing: coercive control", kind="briefing")

    page = soup(client.get(index.url, {"kind": "briefing"}))
    assert [text_of(item.h3) for item in page.select(".app-listing__item")] == ["Briefing: coercive control"]
    assert "1 publication: Practitioner briefing" in text_of(page.select_one('[role="status"]'))
    assert page.select_one('option[value="briefing"]').has_attr("selected")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, follow"
    assert len(soup(client.get(index.url)).select(".app-listing__item")) == 3


@pytest.mark.parametrize("value", ["nonsense", "PLAN", "<script>", "briefing%00"])
def test_a_bad_kind_is_a_400_with_an_error_summary(client, index, value):
    make_publication(index, "Partnership plan 2025 to 2028")
    response = client.get(index.url, {"kind": value})
    assert response.status_code == 400
    page = soup(response)
    summary = page.select_one(".govuk-error-summary")
    assert "There is a problem" in text_of(summary)
    assert summary.select_one("a")["href"] == "#kind"
    assert page.select_one("#kind-error") and page.select_one("#kind")["aria-describedby"] == "kind-error"
    assert page.title.get_text().startswith("Error: ")
    assert not page.select(".app-listing__item")


def test_the_listing_is_newest_first_and_paged(client, index):
    for number in range(12):
        make_publication(
            index,
            f"Briefing {number}",
            kind="briefing",
            documents=0,
            publication_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
        )
    first = soup(client.get(index.url))
    assert [text_of(item.h3) for item in first.select(".app-listing__item")][:2] == [
        "Briefing 11",
        "Briefing 10",
    ]
    assert len(first.select(".app-listing__item")) == 10
    second = soup(client.get(index.url, {"page": "2"}))
    assert [text_of(item.h3) for item in second.select(".app-listing__item")] == ["Briefing 1", "Briefing 0"]
    assert client.get(index.url, {"page": "3"}).status_code == 404
    assert client.get(index.url, {"page": "x"}).status_code == 404


def test_publications_follow_visibility(client, index):
    shown = make_publication(index, "Annual report 2024")
    draft = make_publication(index, "Annual report 2025", publish=False)
    ending = make_publication(index, "Briefing on a withdrawn service", kind="briefing")
    ending.expire_at = datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
    ending.save()
    with time_machine.travel(datetime.datetime(2025, 6, 2, tzinfo=datetime.UTC), tick=False):
        listing = client.get(index.url).content.decode()
        feed = client.get(f"{index.url}feed/").content.decode()
        assert client.get(ending.url).status_code == 404
    for text in (listing, feed):
        assert shown.title in text
        assert draft.title not in text and ending.title not in text
    assert client.get(draft.url).status_code == 404


def test_the_publications_feed(client, index):
    with time_machine.travel(datetime.datetime(2025, 4, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        plan = make_publication(index, "Partnership plan 2025 to 2028")
    with time_machine.travel(datetime.datetime(2025, 5, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        draft = plan.get_latest_revision_as_object()
        draft.public_change_note = "Added an easy read version."
        draft.save_revision().publish()
    response = client.get(f"{index.url}feed/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert parsed.version == "atom10" and not parsed.bozo
    assert [(entry.title, entry.link) for entry in parsed.entries] == [
        (f"Updated: {plan.title}", f"{plan.full_url}#updates"),
        (plan.title, plan.full_url),
    ]
    assert parsed.entries[0].summary == "Added an easy read version."
    head = soup(client.get(index.url)).head
    assert (
        head.select_one('link[rel="alternate"][type="application/atom+xml"]')["href"] == f"{index.url}feed/"
    )


def test_listing_page_and_feed_queries_do_not_grow(client, index, site_settings):
    def measure(url):
        cache.clear()
        forget_locales()
        _, cold = get_with_query_count(client, url)
        response, warm = get_with_query_count(client, url)
        assert response.status_code == 200
        assert cold <= 15, f"{url} took {cold} queries cold"
        return warm

    plan = make_publication(index, "Partnership plan 2025 to 2028", body=[("paragraph", "<p>Plan.</p>")])
    for number in range(3):
        make_publication(index, f"Briefing {number}", kind="briefing", superseded_by=plan)
    urls = [index.url, f"{index.url}?kind=briefing", f"{index.url}feed/", plan.url, f"{plan.url}web-version/"]
    few = [measure(url) for url in urls]
    for number in range(3, 25):
        make_publication(index, f"Briefing {number}", kind="briefing", superseded_by=plan)
    many = [measure(url) for url in urls]
    assert few == many
    assert max(many) <= 15


def test_search_finds_publications_in_their_own_section(client, index):
    plan = make_publication(index, "Partnership plan 2025 to 2028", publisher="Millbrook Partners Together")
    draft = make_publication(index, "Partnership plan 2028 to 2031", publish=False)
    page = soup(client.get("/search/", {"q": "partnership plan"}))
    links = [link["href"] for link in page.select("main h2 a")]
    assert plan.url in links and draft.url not in links
    filtered = soup(client.get("/search/", {"q": "partnership plan", "section": "publications"}))
    links = [link["href"] for link in filtered.select("main h2 a")]
    # The section's pages only (PostgreSQL's stemming also finds the listing's own summary).
    assert links[0] == plan.url and draft.url not in links
    assert all(link.startswith(index.url) for link in links)


def search_links(client, query):
    return [link["href"] for link in soup(client.get("/search/", {"q": query})).select("main h2 a")]


def test_search_lists_a_superseded_publication_after_the_one_that_replaced_it(client, index):
    # The old plan's short title matches "partnership plan" better than the new one's.
    old = make_publication(index, "Partnership plan", documents=0)
    new = make_publication(
        index, "Partnership plan 2025 to 2028, agreed by the partners", documents=0, publish=False
    )
    assert search_links(client, "partnership plan").index(old.url) == 0

    # Superseded by a draft: a reader cannot see the successor, so the old plan is current.
    old.superseded_by = new
    old.save_revision().publish()
    assert search_links(client, "partnership plan").index(old.url) == 0

    new.save_revision().publish()
    links = search_links(client, "partnership plan")
    assert links.index(new.url) < links.index(old.url)

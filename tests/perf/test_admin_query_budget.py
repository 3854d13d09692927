"""An editor's everyday admin pages cost the same number of SQL queries whether the DHR
section holds 5 reviews or 500: nothing is looked up once per row. Measured as the least
privileged users who reach them (Editors and Moderators), in England (one locale) and in
Wales (Welsh on, some reviews translated), with a share of the reviews waiting for a
moderator, scheduled, and due for their content review, so every kind of row is on the
first page of each listing in both cases."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.dhr.builders import add_busy_reviews, make_document, make_index, make_request_form
from tests.helpers import get_with_query_count
from tests.welsh import log_in_as, offer_welsh, welsh_home

# At most 30 each, Editors or Moderators, England or Wales (docs/performance.md lists
# what the queries are: Wagtail's own sidebar, page header, filters and panels, once per
# page).
BUDGET = dict.fromkeys(
    [
        "DHR section in the explorer",
        "home page in the explorer",
        "DHR publication report",
        "content review report",
        "dashboard",
        "forms",
    ],
    30,
)
GROUPS = ["Editors", "Moderators"]


def admin_pages(home, index):
    return {
        # In the section's own order the request form (the first child) stays on the first
        # page: Wagtail reads each page type on a page in one query, so a page showing
        # two types costs one query more than a page showing one, whatever the rows.
        "DHR section in the explorer": reverse("wagtailadmin_explore", args=[index.pk]) + "?ordering=ord",
        "home page in the explorer": reverse("wagtailadmin_explore", args=[home.pk]),
        "DHR publication report": reverse("dhr_publication_report"),
        "content review report": reverse("content_review_report"),
        "dashboard": reverse("wagtailadmin_home"),
        "forms": reverse("wagtailforms:index"),
    }


def counts(clients, urls):
    found = {}
    for group, client in clients.items():
        for name, url in urls.items():
            get_with_query_count(client, url)  # warm: per-process caches (content types, locales)
            response, queries = get_with_query_count(client, url)
            assert response.status_code == 200, (group, name)
            found[group, name] = queries
    return found


@pytest.mark.parametrize("nation", ["England", "Wales"])
def test_admin_pages_cost_the_same_for_5_and_500_reviews(home_page, site_settings, nation, monkeypatch):
    # A language with no Locale (Welsh in England) is looked up again once a minute
    # (i18n.languages), once per process whatever the page: keep that out of the counts,
    # as a test with 500 reviews takes longer than a minute.
    monkeypatch.setattr("i18n.languages.RELOAD_MISSING_AFTER", 3600)
    welsh = None
    if nation == "Wales":
        welsh = offer_welsh(site_settings)
        welsh_home(home_page, welsh)
    index = make_index(home_page)
    make_request_form(index)
    documents = [make_document("Shared report")]
    clients = {group: Client() for group in GROUPS}
    users = {group: log_in_as(client, group, f"budget-{group.lower()}") for group, client in clients.items()}
    urls = admin_pages(home_page, index)

    add_busy_reviews(index, 5, documents, users["Editors"], welsh)
    few = counts(clients, urls)
    add_busy_reviews(index, 495, documents, users["Editors"], welsh)
    many = counts(clients, urls)

    assert many == few
    over = {key: queries for key, queries in many.items() if queries > BUDGET[key[1]]}
    assert not over, over

"""core/explorer.py is Wagtail's page explorer with its repeated lookups read once. What
it relies on in Wagtail is pinned to the installed version (an upgrade that changes any of
it fails here first), and it must show what Wagtail's own view shows: the same rows,
links, buttons and side panel, for Editors and Moderators, England and Wales, with pages
in moderation and scheduled on the page."""

import hashlib
import inspect
import re
from importlib.metadata import version
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.pages.listing import ExplorableIndexView, GenericPageFilterSet, PageListingMixin
from wagtail.admin.viewsets.pages import base_page_viewset, page_viewset_registry
from wagtail.models import GroupApprovalTask, Page, Site
from wagtail.models.draft_state import DraftStateMixin
from wagtail.models.workflows import AbstractGroupApprovalTask
from wagtail.permission_policies.pages import PagePermissionPolicy

from core import explorer
from tests.dhr.builders import add_busy_reviews, make_document, make_index, make_request_form
from tests.welsh import log_in_as, offer_welsh, welsh_home

# The Wagtail code core/explorer.py copies or relies on, by the SHA-256 of its source.
PINNED = {
    "ExplorableIndexView.get": (ExplorableIndexView.get, "GET"),
    "PageListingMixin.annotate_queryset": (PageListingMixin.annotate_queryset, "ANNOTATE"),
    "PageListingMixin.get_context_data": (PageListingMixin.get_context_data, "CONTEXT"),
    "WagtailFilterSet._add_locale_filter": (WagtailFilterSet._add_locale_filter, "LOCALE_FILTER"),
    "DraftStateMixin.scheduled_revision": (DraftStateMixin.scheduled_revision.func, "SCHEDULED"),
    "PagePermissionPolicy.explorable_root_instance": (PagePermissionPolicy.explorable_root_instance, "ROOT"),
    "AbstractGroupApprovalTask._user_in_groups": (AbstractGroupApprovalTask._user_in_groups, "IN_GROUPS"),
}


def source_hash(function):
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


def test_written_for_the_installed_wagtail():
    assert version("wagtail") == explorer.WRITTEN_FOR


@pytest.mark.parametrize("name", PINNED)
def test_the_wagtail_code_it_relies_on_is_unchanged(name):
    function, _key = PINNED[name]
    assert source_hash(function) == explorer.WAGTAIL_SOURCES[name], name


def test_the_explorer_is_ours():
    assert page_viewset_registry.get_by_parent_model(Page).index_view_class is explorer.ExplorerIndexView


def without_site_filter():
    return {name: value for name, value in GenericPageFilterSet.base_filters.items() if name != "site"}


def normalised(html):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'"CSRF_TOKEN": "[^"]+"', "", html)
    return html


@pytest.mark.parametrize("nation", ["England", "Wales"])
def test_shows_what_wagtails_own_explorer_shows(home_page, site_settings, nation):
    welsh = None
    if nation == "Wales":
        welsh = offer_welsh(site_settings)
        welsh_home(home_page, welsh)
    index = make_index(home_page)
    make_request_form(index)
    clients = {group: Client() for group in ("Editors", "Moderators")}
    users = {
        group: log_in_as(client, group, f"contract-{group.lower()}") for group, client in clients.items()
    }
    add_busy_reviews(index, 25, [make_document("Shared report")], users["Editors"], welsh)
    urls = [
        reverse("wagtailadmin_explore", args=[index.pk]) + "?ordering=ord",
        reverse("wagtailadmin_explore", args=[index.pk]),
        reverse("wagtailadmin_explore", args=[index.pk]) + "?q=review",
        reverse("wagtailadmin_explore", args=[home_page.pk]),
    ]
    for group, client in clients.items():
        for url in urls:
            ours = client.get(url)
            with (
                mock.patch.object(
                    page_viewset_registry, "get_by_parent_page_id", return_value=base_page_viewset
                ),
                # Ours leaves out the "Site" filter while there is one site: compared without it.
                mock.patch.object(GenericPageFilterSet, "base_filters", without_site_filter()),
            ):
                wagtails = client.get(url)
            assert ours.status_code == wagtails.status_code == 200, (group, url)
            assert normalised(ours.content.decode()) == normalised(wagtails.content.decode()), (group, url)


def test_explorable_root_is_wagtails(home_page):
    index = make_index(home_page)
    for group in ("Editors", "Moderators"):
        user = log_in_as(Client(), group, f"root-{group.lower()}")
        explorer.remember_explorable_root(user)
        remembered = getattr(user, PagePermissionPolicy._explorable_root_instance_cache_name, None)
        fresh = type(user).objects.get(pk=user.pk)
        assert remembered is not None
        assert remembered.pk == PagePermissionPolicy().explorable_root_instance(fresh).pk
    assert index.pk


def test_approval_group_checks_are_wagtails(home_page):
    tasks = list(GroupApprovalTask.objects.all())
    assert tasks
    for group in ("Editors", "Moderators"):
        user = log_in_as(Client(), group, f"groups-{group.lower()}")
        explorer.remember_approval_groups(user)
        fresh = type(user).objects.get(pk=user.pk)
        for task in tasks:
            assert getattr(user, explorer.APPROVAL_CHECKS)[task.pk] == task._user_in_groups(fresh), (
                group,
                task,
            )


def test_the_site_filter_is_offered_once_there_are_two_sites(home_page, settings):
    client = Client()
    log_in_as(client, "Editors", "sites-editor")
    url = reverse("wagtailadmin_explore", args=[home_page.pk])
    assert 'aria-controls="drilldown-id_site"' not in client.get(url).content.decode()
    other = home_page.add_child(instance=Page(title="Another partnership", slug="another"))
    another = Site.objects.create(
        hostname="another.example.org", port=80, root_page=other, site_name="Another"
    )
    try:
        content = client.get(url).content.decode()
    finally:
        another.delete()  # clears Wagtail's cached site root paths, which a rollback would not
    assert 'aria-controls="drilldown-id_site"' in content
    assert "another.example.org" in content


def test_each_row_has_one_permission_tester(home_page, monkeypatch):
    from core.page_permissions import PagePermissions

    index = make_index(home_page)
    make_request_form(index)
    client = Client()
    editor = log_in_as(client, "Editors", "testers-editor")
    add_busy_reviews(index, 20, [make_document("Shared report")], editor, None)
    made = []
    original = PagePermissions.__init__

    def counted(self, user, page):
        made.append(page.pk)
        original(self, user, page)

    monkeypatch.setattr(PagePermissions, "__init__", counted)
    response = client.get(reverse("wagtailadmin_explore", args=[index.pk]))
    assert response.status_code == 200
    rows = index.get_children().count()
    assert rows >= 20
    for_rows = [pk for pk in made if pk != index.pk]  # the section itself is asked about too
    assert len(for_rows) == len(set(for_rows)) == rows, f"{len(for_rows)} testers for {rows} rows"

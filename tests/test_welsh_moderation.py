"""Translations are drafts until a moderator publishes them: nothing an Editor does in
wagtail-localize's views puts a page live at /cy/. wagtail-localize publishes when the
transaction commits, so every request runs its on-commit callbacks."""

import json

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization

from home.models import StandardPage
from tests.factories import StandardPageFactory
from tests.welsh import log_in_as, offer_welsh, synced_translation

pytestmark = pytest.mark.django_db

WELSH = {"Welcome": "Croeso", "Contact us": "Cysylltu â ni"}


@pytest.fixture
def wales(site_settings, home_page):
    home_page.title = "Welcome"
    home_page.save_revision().publish()
    return offer_welsh(site_settings)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a request as if its transaction committed, as it does outside tests."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def welsh_pages(locale):
    return Page.objects.filter(locale=locale)


def assert_nothing_live_in_welsh(client, locale, urls=("/cy/",)):
    assert list(welsh_pages(locale).filter(live=True)) == []
    client.logout()
    for url in urls:
        assert client.get(url).status_code == 404, url


def translate_as(client, commit, page, locale, **extra):
    response = commit(
        client.post,
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale.pk], **extra},
    )
    assert response.status_code == 302
    return page.get_translation(locale)


def upload_welsh(client, commit, translation):
    po = polib.pofile(
        client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])).content.decode()
    )
    for entry in po:
        entry.msgstr = WELSH.get(entry.msgid, entry.msgid)
    upload = SimpleUploadedFile("cy.po", str(po).encode(), content_type="text/x-gettext-translation")
    response = commit(
        client.post, reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload}
    )
    assert response.status_code == 302


def editor_html(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_an_editors_translation_of_the_home_page_is_a_draft_until_a_moderator_publishes_it(
    client, wales, home_page, commit
):
    log_in_as(client, "Editors")
    welsh = translate_as(client, commit, home_page, wales)
    translation = synced_translation(home_page, wales)
    upload_welsh(client, commit, translation)

    html = editor_html(client, welsh)
    panel = html.select_one("[data-translation-moderation]")
    assert panel.select_one("button[value=save-draft]")
    # The home page is under Wagtail's own "Moderators approval" workflow.
    assert "Submit to Moderators approval" in panel.select_one("button[value=submit]").get_text(
        " ", strip=True
    )
    assert json.loads(html.select_one(".js-translation-editor")["data-props"])["perms"]["canPublish"] is False
    # Refused (Wagtail's admin turns PermissionDenied into a redirect with a message).
    commit(client.post, reverse("wagtailadmin_pages:edit", args=[welsh.pk]), {"action": "publish"})
    assert not Page.objects.get(pk=welsh.pk).live

    response = commit(
        client.post,
        reverse("wagtailadmin_pages:edit", args=[welsh.pk]),
        {"translation-moderation": "save-draft"},
    )
    assert response.status_code == 302
    welsh = Page.objects.get(pk=welsh.pk)
    assert welsh.draft_title == "Croeso"
    assert_nothing_live_in_welsh(client, wales)

    log_in_as(client, "Moderators")
    commit(client.post, reverse("wagtailadmin_pages:edit", args=[welsh.pk]), {"action": "publish"})
    client.logout()
    response = client.get("/cy/")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").find("h1").get_text(strip=True) == "Croeso"


def test_translating_a_subtree_publishes_none_of_it(client, wales, home_page, commit):
    contact = StandardPageFactory(parent=home_page, title="Contact us", slug="contact-us")
    contact.save_revision().publish()
    log_in_as(client, "Editors")

    translate_as(client, commit, home_page, wales, include_subtree="on")

    assert StandardPage.objects.filter(locale=wales, translation_key=contact.translation_key).exists()
    assert_nothing_live_in_welsh(client, wales, urls=("/cy/", "/cy/contact-us/"))


def test_an_editors_sync_does_not_publish_and_is_not_offered_publishing(client, wales, home_page, commit):
    log_in_as(client, "Editors")
    translate_as(client, commit, home_page, wales)
    source = synced_translation(home_page, wales).source
    url = reverse("wagtail_localize:update_translations", args=[source.pk])

    html = BeautifulSoup(client.get(url).content, "html.parser")
    assert not html.select("input[name=publish_translations]")
    response = commit(client.post, url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert_nothing_live_in_welsh(client, wales)

    log_in_as(client, "Moderators")
    html = BeautifulSoup(client.get(url).content, "html.parser")
    assert html.select("input[name=publish_translations]")


def test_a_moderators_sync_publishes_only_when_asked(client, wales, home_page, commit):
    log_in_as(client, "Moderators")
    translate_as(client, commit, home_page, wales)
    url = reverse(
        "wagtail_localize:update_translations", args=[synced_translation(home_page, wales).source.pk]
    )

    commit(client.post, url, {})
    assert_nothing_live_in_welsh(client, wales)

    log_in_as(client, "Moderators", username="second-moderator")
    commit(client.post, url, {"publish_translations": "on"})
    assert home_page.get_translation(wales).live


def test_no_wagtail_localize_view_lets_an_editor_publish(client, wales, home_page, commit, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
    }
    log_in_as(client, "Editors")
    welsh = translate_as(client, commit, home_page, wales)
    translation = synced_translation(home_page, wales)
    edit = reverse("wagtailadmin_pages:edit", args=[welsh.pk])

    upload_welsh(client, commit, translation)
    commit(client.post, reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    commit(client.post, edit, {"action": "publish"})
    assert not Page.objects.get(pk=welsh.pk).live
    commit(client.post, reverse("wagtail_localize:stop_translation", args=[translation.pk]), {"next": edit})
    commit(client.post, edit, {"localize-restart-translation": "restart"})
    # Back to an alias of the live English home page: still not live in Welsh.
    commit(client.post, reverse("wagtail_localize:convert_to_alias", args=[welsh.pk]), {})

    assert Page.objects.get(pk=welsh.pk).alias_of_id == home_page.pk
    assert_nothing_live_in_welsh(client, wales)


def test_placeholders_made_by_syncing_the_welsh_tree_are_never_live(client, wales, home_page):
    contact = StandardPageFactory(parent=home_page, title="Contact us", slug="contact-us")
    contact.save_revision().publish()

    LocaleSynchronization.objects.create(locale=wales, sync_from=Locale.get_default())
    # Publishing the English page again refreshes its placeholders: still not live.
    contact.save_revision().publish()

    placeholders = welsh_pages(wales)
    assert placeholders.count() == 2
    assert all(page.alias_of_id for page in placeholders)
    assert_nothing_live_in_welsh(client, wales, urls=("/cy/", "/cy/contact-us/"))


def test_the_data_migration_unpublishes_placeholders_that_were_live(home_page):
    """Sites upgraded from before translations were drafts: a live alias of a page in
    another language is unpublished; a translation and a same-language alias are not."""
    import importlib

    from django.apps import apps as global_apps

    home = home_page
    english = StandardPageFactory(parent=home, title="Privacy")
    welsh_locale = Locale.objects.get_or_create(language_code="cy")[0]
    welsh_home = home.copy_for_translation(welsh_locale)
    welsh_home.save_revision().publish()
    placeholder = english.create_alias(parent=welsh_home, update_locale=welsh_locale)
    same_language_alias = english.create_alias(parent=home, update_slug="privacy-copy")
    Page.objects.filter(pk__in=[placeholder.pk, same_language_alias.pk]).update(live=True)

    module = importlib.import_module("home.migrations.0008_unpublish_translation_placeholders")
    module.unpublish_placeholders(global_apps, None)

    assert not Page.objects.get(pk=placeholder.pk).live
    assert Page.objects.get(pk=same_language_alias.pk).live
    assert Page.objects.get(pk=welsh_home.pk).live

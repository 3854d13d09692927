"""The editor's path to a Welsh page: submit it for translation in the admin, send the
strings to a translation service as a PO file, bring the Welsh back and publish."""

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation

from tests.welsh import offer_welsh

pytestmark = pytest.mark.django_db

WELSH = {
    "Welcome": "Croeso",
}


def test_editor_translates_the_home_page_through_a_po_file(
    admin_client, home_page, site_settings, django_capture_on_commit_callbacks
):
    locale = offer_welsh(site_settings)
    home_page.title = "Welcome"
    home_page.save_revision().publish()

    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[home_page.pk]), {"locales": [locale.pk]}
    )
    assert response.status_code == 302
    welsh = Page.objects.get(translation_key=home_page.translation_key, locale=locale)
    assert not welsh.live  # a draft until the translation is published

    translation = Translation.objects.get(source__object_id=home_page.translation_key, target_locale=locale)
    download = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    assert "Welcome" in [entry.msgid for entry in po]

    for entry in po:
        entry.msgstr = WELSH.get(entry.msgid, entry.msgid)
    upload = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("cy.po", str(po).encode(), content_type="text/x-gettext-translation")},
    )
    assert upload.status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    welsh.refresh_from_db()
    assert welsh.live
    assert welsh.title == "Croeso"
    assert admin_client.get("/cy/").status_code == 200


def locale_choices(admin_client, page):
    response = admin_client.get(reverse("wagtail_localize:submit_page_translation", args=[page.pk]))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [field["value"] for field in html.select("input[name=locales]")]


def test_welsh_is_offered_to_translate_into_only_in_wales(admin_client, home_page, site_settings):
    assert locale_choices(admin_client, home_page) == []
    locale = offer_welsh(site_settings)
    assert locale_choices(admin_client, home_page) == [str(locale.pk)]

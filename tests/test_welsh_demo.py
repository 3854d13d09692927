"""The demo as a Welsh partnership (`make run NATION=wales`): the home page, the DHR
guidance and the request form also in Welsh, each awaiting a professional translator.

Committed for real (a transactional test): wagtail-localize publishes a translation when
its transaction commits, as it does for editors."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from core.models import SiteSettings
from demo.welsh import WORKFLOW_NAME
from dhr.models import DHRIndexPage, LearningPage, RequestCopyFormPage
from home.models import HomePage
from themes.models import Theme, ThemeIndexPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_welsh_demo_translates_five_pages_and_marks_them_for_a_translators_check(client):
    call_command("load_demo_content", nation="wales", verbosity=0)
    call_command("load_demo_content", nation="wales", verbosity=0)  # idempotent

    site = Site.objects.get(is_default_site=True)
    assert SiteSettings.for_site(site).nation == "wales"
    welsh = Locale.objects.get(language_code="cy")
    pages = [
        model.objects.filter(locale=welsh).live().get()
        for model in (HomePage, DHRIndexPage, RequestCopyFormPage, LearningPage, ThemeIndexPage)
    ]
    assert Page.objects.filter(locale=welsh).count() == 5
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = BeautifulSoup(response.content, "html.parser")
        assert html.html["lang"] == "cy"
        assert html.find("h1").get_text(strip=True) == page.title
        english = page.get_translation(Locale.get_default())
        assert page.title != english.title
        state = page.current_workflow_state
        assert state is not None and state.workflow.name == WORKFLOW_NAME, page.url
    # The nation's defaults: a Local Health Board, and Live Fear Free first.
    assert "Millshire Local Health Board" in client.get("/statutory-duties/section-17/").content.decode()
    assert "Millshire Local Health Board" in client.get("/").content.decode()
    assert SiteSettings.for_site(site).display_helplines[0]["number"] == "0808 80 10 800"
    form = BeautifulSoup(client.get(pages[2].url).content, "html.parser")
    assert form.select_one("main button[type=submit]").get_text(strip=True) == "Anfon cais"
    # The themes have their Welsh versions, each with its page under the Welsh index.
    welsh_theme = Theme.objects.get(locale=welsh, slug="rheolaeth-drwy-orfodaeth")
    assert welsh_theme.translation_key == Theme.objects.get(slug="coercive-control").translation_key
    theme_page = client.get(f"{pages[4].url}rheolaeth-drwy-orfodaeth/")
    assert theme_page.status_code == 200 and welsh_theme.name in theme_page.content.decode()
    assert Theme.objects.filter(locale=welsh).count() == Theme.objects.exclude(locale=welsh).count() == 9


def test_english_demo_has_no_welsh(client):
    call_command("load_demo_content", verbosity=0)
    assert not SiteSettings.for_site(Site.objects.get(is_default_site=True)).welsh_offered
    assert not Page.objects.filter(locale__language_code="cy").exists()
    assert client.get("/cy/").status_code == 404
    assert "Millshire Integrated Care Board" in client.get("/statutory-duties/section-17/").content.decode()

"""English and Welsh: the nation setting decides whether Welsh is offered; where it is,
every page links to its counterpart and search, the sitemap and the interface follow the
reader's language. Where it is not, there are no Welsh URLs at all."""

from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from core.models import AlertBanner
from dhr.models import ReviewType
from i18n.languages import forget_locales
from tests.factories import StandardPageFactory
from tests.welsh import offer_welsh, translate, welsh_home

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def switcher_links(html):
    return {a["lang"]: a for a in html.select(".app-language-switcher a")}


def hreflangs(html):
    return {link["hreflang"]: link["href"] for link in html.select('link[rel="alternate"][hreflang]')}


@pytest.fixture
def english_page(home_page):
    page = StandardPageFactory(parent=home_page, title="Contact us", slug="contact-us")
    page.save_revision().publish()
    return page


@pytest.fixture
def wales(site_settings, home_page):
    locale = offer_welsh(site_settings)
    return locale, welsh_home(home_page, locale)


# England ---------------------------------------------------------------------------


def test_england_has_no_welsh_urls_switcher_or_alternates(client, site_settings, home_page, english_page):
    assert site_settings.nation == "england"
    assert not Locale.objects.filter(language_code="cy").exists()
    for url in ("/cy/", "/cy/contact-us/", "/cy/search/?q=review"):
        assert client.get(url).status_code == 404, url
    html = soup(client.get("/contact-us/"))
    assert html.html["lang"] == "en-GB"
    assert not html.select(".app-language-switcher")
    assert hreflangs(html) == {}
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/cy/" not in sitemap
    assert "xhtml:link" not in sitemap


def test_the_language_comes_from_the_url_alone(client, wales, english_page):
    response = client.get("/contact-us/", HTTP_ACCEPT_LANGUAGE="cy")
    assert soup(response).html["lang"] == "en-GB"
    assert "accept-language" not in response.get("Vary", "").lower()
    assert response["Content-Language"] == "en-gb"
    welsh = client.get("/cy/")
    assert welsh["Content-Language"] == "cy"
    assert "accept-language" not in welsh.get("Vary", "").lower()


# Wales -----------------------------------------------------------------------------


def test_welsh_home_page_is_in_welsh_and_links_back(client, wales, home_page):
    _locale, cymraeg = wales
    response = client.get("/cy/")
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == "cy"
    assert html.find("h1").get_text(strip=True) == cymraeg.title
    assert html.select_one(".govuk-skip-link").get_text(strip=True) == "Neidio i'r prif gynnwys"
    links = switcher_links(html)
    assert links["en-GB"]["href"] == "/"
    assert links["en-GB"]["hreflang"] == "en-GB"
    assert html.select_one(".app-language-switcher__current")["lang"] == "cy"
    root = home_page.get_site().root_url
    assert hreflangs(html) == {"en-GB": f"{root}/", "cy": f"{root}/cy/"}
    # The header's home link and the search form stay in Welsh.
    assert html.select_one(".app-header__name")["href"] == "/cy/"
    assert html.select_one(".app-header-search__form")["action"] == "/cy/search/"


def test_welsh_is_offered_in_the_first_minute_after_the_machine_boots(client, wales, monkeypatch):
    # time.monotonic() counts from boot: a server started just after boot reads it as a
    # few seconds, and must still look the Welsh locale up on its first request.
    forget_locales()
    monkeypatch.setattr("i18n.languages.time.monotonic", lambda: 5.0)

    response = client.get("/cy/")

    assert response.status_code == 200
    assert soup(response).html["lang"] == "cy"


def test_english_page_links_to_its_welsh_translation(client, wales, english_page):
    locale, _ = wales
    root = english_page.get_site().root_url
    translate(english_page, locale, title="Cysylltu â ni", slug="cysylltu")
    html = soup(client.get("/contact-us/"))
    links = switcher_links(html)
    assert links["cy"]["href"] == "/cy/cysylltu/"
    assert not links["cy"].select(".app-language-switcher__note")
    assert hreflangs(html) == {"en-GB": f"{root}/contact-us/", "cy": f"{root}/cy/cysylltu/"}
    welsh = soup(client.get("/cy/cysylltu/"))
    assert welsh.html["lang"] == "cy"
    assert switcher_links(welsh)["en-GB"]["href"] == "/contact-us/"


def test_untranslated_page_links_to_the_welsh_home_page_and_says_so_in_welsh(client, wales, english_page):
    html = soup(client.get("/contact-us/"))
    link = switcher_links(html)["cy"]
    assert link["href"] == "/cy/"
    note = link.select_one(".app-language-switcher__note").get_text(strip=True)
    assert "nid yw'r dudalen hon wedi'i chyfieithu" in note
    # No alternate is claimed for a translation that does not exist.
    assert hreflangs(html) == {}


def test_english_page_is_never_served_under_a_welsh_address(client, wales, english_page):
    assert client.get("/cy/contact-us/").status_code == 404


def test_no_welsh_home_page_means_no_welsh_pages(client, site_settings, english_page):
    offer_welsh(site_settings)
    assert client.get("/cy/").status_code == 404
    assert client.get("/cy/contact-us/").status_code == 404


def test_sitemap_lists_both_languages_with_alternates(client, wales, english_page):
    locale, _ = wales
    translate(english_page, locale, title="Cysylltu â ni", slug="cysylltu")
    root = english_page.get_site().root_url
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own output
    entries = {url.findtext("sm:loc", namespaces=NS): url for url in tree.findall("sm:url", NS)}
    assert {f"{root}/cy/", f"{root}/cy/cysylltu/", f"{root}/contact-us/", f"{root}/"} <= set(entries)
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in entries[f"{root}/contact-us/"].findall("xhtml:link", NS)
    }
    assert alternates == {"en-GB": f"{root}/contact-us/", "cy": f"{root}/cy/cysylltu/"}


def test_search_is_in_the_readers_language(client, wales, english_page):
    locale, _ = wales
    translate(english_page, locale, title="Cysylltu â ni", slug="cysylltu", summary="Sut i gysylltu â ni.")
    assert reverse("search:search") == "/search/"
    english = client.get("/search/", {"q": "Cysylltu"}).content.decode()
    welsh = client.get("/cy/search/", {"q": "Cysylltu"}).content.decode()
    assert "/cy/cysylltu/" in welsh
    assert "/cy/cysylltu/" not in english
    assert 'lang="cy"' in welsh


def test_helplines_follow_the_nation_and_the_readers_language(client, wales, site_settings, home_page):
    # With no helplines of its own, a Welsh partnership shows Live Fear Free first.
    assert [line["number"] for line in site_settings.display_helplines][0] == "0808 80 10 800"
    site_settings.helplines = [
        (
            "helpline",
            {
                "name": "Live Fear Free",
                "number": "0808 80 10 800",
                "hours": "24 hours a day",
                "text_number": "",
                "description": "Help in Wales.",
                "name_cy": "Byw Heb Ofn",
                "hours_cy": "",
                "description_cy": "",
            },
        )
    ]
    site_settings.save()
    with translation.override("cy"):
        (line,) = site_settings.display_helplines
    assert line["name"] == "Byw Heb Ofn"
    assert set(line["english"]) == {"hours", "description"}
    with translation.override("en-gb"):
        (line,) = site_settings.display_helplines
    assert line["name"] == "Live Fear Free"
    assert line["english"] == ()


@translation.override("en-gb")
def test_nation_sets_the_review_type_helplines_and_nhs_body(site_settings):
    assert ReviewType.for_nation(site_settings.nation) == ReviewType.DHR
    assert str(site_settings.nhs_body) == "Integrated Care Board"
    assert site_settings.display_helplines[0]["number"] == "0808 2000 247"
    offer_welsh(site_settings)
    assert ReviewType.for_nation(site_settings.nation) == ReviewType.SUSR
    assert str(site_settings.nhs_body) == "Local Health Board"


def test_banner_shows_in_the_readers_language(client, wales, home_page):
    locale, _ = wales
    banner = AlertBanner.objects.create(heading="Offices closed", message="Closed on Monday.")
    english_only = AlertBanner.objects.create(heading="Phones down", message="Use email.")
    welsh = banner.copy_for_translation(locale)
    welsh.heading = "Swyddfeydd ar gau"
    welsh.message = "Ar gau ddydd Llun."
    welsh.save()
    html = soup(client.get("/cy/"))
    headings = {p.get_text(strip=True): p for p in html.select(".govuk-notification-banner__heading")}
    assert "Swyddfeydd ar gau" in headings
    assert "Offices closed" not in headings
    # Not translated yet: shown in English, marked as English.
    assert headings["Phones down"].find_parent(attrs={"lang": True})["lang"] == "en-GB"
    english = soup(client.get("/")).get_text()
    assert "Offices closed" in english and "Swyddfeydd ar gau" not in english
    assert english_only.heading in english

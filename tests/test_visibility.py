"""One rule for what readers may see (``core.visibility``), asked by every surface: a live
page past its ``expire_at`` is gone from all of them at once, before ``publish_scheduled``
has run as after. The clock is frozen so "past" is exact."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db.models import Q
from wagtail import hooks
from wagtail.models import Page, get_page_models

from core import visibility
from tests.factories import StandardPageFactory
from tests.welsh import offer_welsh, translate, welsh_home

pytestmark = pytest.mark.django_db

CREATED = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)
EXPIRES = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)
BEFORE = EXPIRES - datetime.timedelta(minutes=1)
AFTER = EXPIRES + datetime.timedelta(minutes=1)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def expiring(home_page, site_settings):
    """A top-level page in the menu, in the footer, featured on the home page and with a
    sibling that links to it; it expires at EXPIRES."""
    with time_machine.travel(CREATED, tick=False):
        page = StandardPageFactory(
            parent=home_page,
            title="Zephyrine consultation",
            slug="consultation",
            show_in_menus=True,
            expire_at=EXPIRES,
        )
        site_settings.contact_page = page
        site_settings.save()
        home_page.featured_sections = [("section", {"page": page, "description": "Have your say."})]
        home_page.save_revision().publish()
        other = StandardPageFactory(parent=home_page, title="Other page", slug="other-page")
    return page, other


def links_to(response, page):
    return [a for a in soup(response).select("a[href]") if a["href"] == page.url]


def assert_everywhere(client, page, other, shown):
    home = client.get("/")
    nav = soup(home).select_one(".govuk-service-navigation__list")
    footer = soup(home).select_one("footer")
    featured = soup(home).select(".app-card__link")
    results = client.get("/search/", {"q": "zephyrine"})
    sitemap = client.get("/sitemap.xml").content.decode()
    seen = {
        "page": client.get(page.url).status_code == 200,
        "menu": nav is not None and page.url in [a["href"] for a in nav.select("a")],
        "footer": page.url in [a["href"] for a in footer.select("a")],
        "featured": page.url in [a["href"] for a in featured],
        "search": bool(links_to(results, page)),
        "sitemap": page.full_url in sitemap,
        "menu on another page": bool(links_to(client.get(other.url), page)),
    }
    assert seen == dict.fromkeys(seen, shown)


def test_a_page_is_on_every_surface_until_it_expires(client, expiring):
    page, other = expiring
    with time_machine.travel(BEFORE, tick=False):
        assert_everywhere(client, page, other, shown=True)


def test_an_expired_page_is_gone_from_every_surface_before_publish_scheduled_runs(client, expiring):
    page, other = expiring
    with time_machine.travel(AFTER, tick=False):
        assert Page.objects.get(pk=page.pk).live  # publish_scheduled has not run
        assert client.get(page.url).status_code == 404
        assert_everywhere(client, page, other, shown=False)

        call_command("publish_scheduled", verbosity=0)

        assert not Page.objects.get(pk=page.pk).live
        assert client.get(page.url).status_code == 404
        assert_everywhere(client, page, other, shown=False)


def test_the_language_switcher_drops_an_expired_translation(client, home_page, site_settings):
    with time_machine.travel(CREATED, tick=False):
        locale = offer_welsh(site_settings)
        welsh_home(home_page, locale)
        page = StandardPageFactory(parent=home_page, title="Zephyrine", slug="zephyrine")
        welsh = translate(page, locale, title="Seffyrin", slug="seffyrin", expire_at=EXPIRES)

    def switcher_links():
        response = client.get(page.url)
        return [a["href"] for a in soup(response).select(".app-language-switcher a")], [
            link["href"] for link in soup(response).select("link[hreflang]")
        ]

    with time_machine.travel(BEFORE, tick=False):
        links, alternates = switcher_links()
        assert welsh.url in links
        assert welsh.full_url in alternates
    with time_machine.travel(AFTER, tick=False):
        links, alternates = switcher_links()
        assert welsh.url not in links
        assert alternates == []
        assert client.get(welsh.url).status_code == 404


def test_verdict_and_filter_agree(expiring):
    page, other = expiring
    for at in (BEFORE, AFTER):
        listed = set(
            visibility.visible_pages(at).filter(pk__in=[page.pk, other.pk]).values_list("pk", flat=True)
        )
        judged = {p.pk for p in (page, other) if visibility.verdict(p, at) is visibility.Verdict.VISIBLE}
        assert listed == judged
    assert visibility.verdict(page, AFTER) is visibility.Verdict.NOT_FOUND


def test_a_section_rule_reaches_every_surface(client, expiring):
    """A rule registered through the hook, as a section would, applies to the page URL and
    to the lists alike."""
    page, other = expiring

    def hide_consultation(at):
        return ~Q(slug="consultation")

    def refuse_consultation(candidate, at):
        return visibility.Verdict.NOT_FOUND if candidate.slug == "consultation" else None

    with (
        time_machine.travel(BEFORE, tick=False),
        hooks.register_temporarily("register_visibility_filter", hide_consultation),
        hooks.register_temporarily("register_page_verdict", refuse_consultation),
    ):
        assert client.get(page.url).status_code == 404
        assert_everywhere(client, page, other, shown=False)


def test_no_page_type_overrides_sitemap_urls():
    """The sitemap lists plain ``Page`` rows filtered by the visibility rule; a page type's
    own ``get_sitemap_urls`` would never be called, so none may define one."""
    overriding = [
        model.__name__
        for model in get_page_models()
        if model.get_sitemap_urls is not Page.get_sitemap_urls and model.__module__.split(".")[0] != "wagtail"
    ]
    assert overriding == []

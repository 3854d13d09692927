"""What a reader sees on the home page, standard pages and error pages."""

import pytest
from bs4 import BeautifulSoup

from home.models import HomePage, StandardPage
from tests.factories import StandardPageFactory
from tests.helpers import get_with_query_count

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_shows_partnership_overview_within_query_budget(demo_site, client):
    response, queries = get_with_query_count(client, "/")

    assert response.status_code == 200
    html = soup(response)
    assert html.find("h1").get_text(strip=True) == "Millbrook Community Safety Partnership"
    assert "Crime and Disorder Act 1998" in html.get_text()
    partners = [dt.get_text(strip=True) for dt in html.select(".govuk-summary-list__key")]
    assert "Millshire Police" in partners
    assert queries <= 10, f"home page took {queries} queries"


def test_base_template_has_language_skip_link_meta_and_canonical(demo_site, client):
    html = soup(client.get("/privacy-notice/"))

    assert html.html["lang"] == "en-GB"
    first_link = html.body.find("a")
    assert first_link["href"] == "#main-content"
    assert "Skip to main content" in first_link.get_text()
    assert html.find("main", id="main-content")
    page = StandardPage.objects.get(slug="privacy-notice")
    assert html.find("meta", attrs={"name": "description"})["content"] == page.summary
    assert html.find("link", rel="canonical")["href"].endswith("/privacy-notice/")
    assert html.find("meta", property="og:title")["content"] == "Privacy notice"
    assert html.title.get_text().startswith("Privacy notice – Millbrook")


def test_footer_links_and_last_updated(demo_site, client):
    html = soup(client.get("/contact/"))

    footer_links = [a.get_text(strip=True) for a in html.select("footer a")]
    for title in ("Accessibility statement", "Privacy notice", "Cookies", "Contact us"):
        assert title in footer_links
    assert "Last updated" in html.select_one(".app-page-meta").get_text()


def test_share_links_are_plain_links_with_no_third_party_scripts(demo_site, client):
    html = soup(client.get("/contact/"))

    share = html.select(".app-share a")
    assert {a.get_text(strip=True) for a in share} >= {"Share by email", "Share on Facebook"}
    for script in html.find_all("script", src=True):
        assert script["src"].startswith("/static/"), script["src"]
    for link in html.find_all("link", href=True):
        if link.get("rel") == ["stylesheet"]:
            assert link["href"].startswith("/static/")


def test_navigation_lists_menu_pages_and_marks_current(home_page, client):
    section = StandardPageFactory(parent=home_page, title="Workstreams", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Hidden page", show_in_menus=False)

    html = soup(client.get(section.url))

    items = [a.get_text(strip=True) for a in html.select(".govuk-service-navigation__link")]
    assert items == ["Workstreams"]
    assert html.select_one("[aria-current='true']").get_text(strip=True) == "Workstreams"


def test_navigation_leaves_out_private_and_unpublished_pages(home_page, client):
    from wagtail.models import PageViewRestriction

    StandardPageFactory(parent=home_page, title="Workstreams", show_in_menus=True)
    private = StandardPageFactory(parent=home_page, title="Partners only", show_in_menus=True)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = StandardPageFactory(parent=home_page, title="Not yet published", show_in_menus=True)
    draft.unpublish()

    html = soup(client.get(home_page.url))

    items = [a.get_text(strip=True) for a in html.select(".govuk-service-navigation__link")]
    assert items == ["Workstreams"]


def test_breadcrumbs_show_ancestors(home_page, client):
    parent = StandardPageFactory(parent=home_page, title="About")
    child = StandardPageFactory(parent=parent, title="Our partners")

    crumbs = [a.get_text(strip=True) for a in soup(client.get(child.url)).select(".govuk-breadcrumbs__link")]

    assert crumbs == ["Home", "About"]


@pytest.mark.parametrize(
    "block",
    [
        ("heading", {"text": "Section heading", "level": "h2"}),
        ("callout", {"text": "<p>Inset words</p>"}),
        ("warning", {"text": "Call 999 now"}),
        ("details", {"heading": "More detail", "content": "<p>Hidden words</p>"}),
        (
            "quote",
            {
                "quote": "Statute words",
                "citation": "An Act 1998, s.1",
                "source_url": "",
                "note": "As amended",
            },
        ),
        (
            "key_facts",
            {
                "facts": [
                    {
                        "figure": "£24bn",
                        "description": "cost",
                        "source": "Home Office",
                        "source_url": "",
                        "year": 2013,
                    }
                ]
            },
        ),
        (
            "contact",
            {"name": "Safety team", "email": "team@example.org", "phone": "", "address": "", "hours": ""},
        ),
        (
            "video_link",
            {"title": "Film", "url": "https://example.org/v", "duration": "", "transcript_url": ""},
        ),
        ("accordion", {"sections": [{"heading": "Part one", "content": "<p>Accordion words</p>"}]}),
    ],
)
def test_each_body_block_renders_its_content(home_page, client, block):
    page = StandardPageFactory(parent=home_page, body=[block])

    text = soup(client.get(page.url)).find("main").get_text(" ", strip=True)

    expected = {
        "heading": "Section heading",
        "callout": "Inset words",
        "warning": "Call 999 now",
        "details": "Hidden words",
        "quote": "An Act 1998, s.1",
        "key_facts": "£24bn",
        "contact": "team@example.org",
        "video_link": "Film",
        "accordion": "Accordion words",
    }[block[0]]
    assert expected in text


def test_quote_block_uses_blockquote_and_cite(home_page, client):
    page = StandardPageFactory(
        parent=home_page,
        body=[
            (
                "quote",
                {
                    "quote": "Words",
                    "citation": "Act, s.17",
                    "source_url": "https://www.legislation.gov.uk/",
                    "note": "",
                },
            )
        ],
    )
    html = soup(client.get(page.url))
    assert html.select_one("figure blockquote").get_text(strip=True) == "Words"
    assert html.select_one("figcaption cite a")["href"] == "https://www.legislation.gov.uk/"


def test_helplines_block_shows_settings_and_silent_solution(demo_site, client):
    text = soup(client.get("/contact/")).get_text(" ", strip=True)

    assert "0808 2000 247" in text
    assert "press 55" in text


def test_exit_this_page_only_where_enabled(demo_site, client):
    tracks = soup(client.get("/cover-your-tracks-online/"))
    privacy = soup(client.get("/privacy-notice/"))

    button = tracks.select_one(".govuk-exit-this-page a")
    assert button["href"] == "https://www.bbc.co.uk/weather"
    assert privacy.select_one(".govuk-exit-this-page") is None


def test_unknown_url_gives_404_in_site_design(demo_site, client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = soup(response)
    assert html.find("h1").get_text(strip=True) == "Page not found"
    assert html.select_one(".govuk-footer")


@pytest.mark.parametrize(
    "url",
    [
        "/search/?page=abc&q=safety",
        "/search/?q=%00%01",
        "/search/?q=" + "a" * 1000,
        "/?%zz=1",
        "/contact/?a=%E2%28%A1",
        "/search/?q=safety&q=again",
        "/search/?q=%F0%9F%98%80",
    ],
)
def test_bad_query_strings_never_give_server_errors(demo_site, client, url):
    response = client.get(url)
    assert response.status_code < 500


def test_out_of_range_results_page_is_404(demo_site, client):
    response = client.get("/search/?q=privacy&page=99999")
    assert response.status_code == 404


def test_home_page_is_the_site_root(home_page):
    assert isinstance(home_page, HomePage)
    assert home_page.url == "/"


@pytest.fixture
def photo(settings, tmp_path):
    """A 1,600 × 900 image in the image library (files under a temporary MEDIA_ROOT)."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    settings.MEDIA_ROOT = tmp_path
    buffer = BytesIO()
    PILImage.new("RGB", (1600, 900), "#1d70b8").save(buffer, "PNG")
    return get_image_model().objects.create(title="Partnership map", file=ImageFile(buffer, name="map.png"))


def image_block(image, alt_text="", decorative=False, caption=""):
    image.contextual_alt_text = "" if decorative else alt_text
    image.decorative = decorative
    return ("image", {"image": image, "caption": caption})


def test_image_block_is_a_lazy_responsive_rendition_with_its_size(home_page, client, photo):
    page = StandardPageFactory(
        parent=home_page, body=[image_block(photo, "Map of the four districts", caption="The area we cover")]
    )

    html = soup(client.get(page.url))

    img = html.select_one("figure.app-figure img")
    assert img["alt"] == "Map of the four districts"
    assert img["loading"] == "lazy"
    assert img["sizes"]
    widths = {int(candidate.split()[1].rstrip("w")) for candidate in img["srcset"].split(",")}
    assert widths == {360, 720, 1080, 1440}
    for candidate in img["srcset"].split(","):
        assert "/images/" in candidate, "every size is a Wagtail rendition, never the original"
    assert "/original_images/" not in img["src"]
    # width and height of the rendition in src, in the image's own proportions
    assert int(img["width"]) in widths
    assert int(img["height"]) == int(img["width"]) * 900 // 1600
    assert html.select_one("figure.app-figure figcaption").get_text(strip=True) == "The area we cover"


def test_decorative_image_has_empty_alt_text(home_page, client, photo):
    page = StandardPageFactory(parent=home_page, body=[image_block(photo, decorative=True)])

    img = soup(client.get(page.url)).select_one("figure.app-figure img")

    assert img["alt"] == ""
    assert img["srcset"]
    assert img["loading"] == "lazy"

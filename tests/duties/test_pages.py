"""What readers see on the statutory duties and workstreams pages."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from core.models import CSPDocument
from duties.models import Lead, StrategyDocument, WorkstreamPage

from .conftest import link_workstreams, publish

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def main_text(response):
    return soup(response).find("main").get_text(" ", strip=True)


class TestSection17FromDemo:
    def test_statute_is_a_blockquote_citing_legislation_gov_uk(self, demo_site, client):
        html = soup(client.get("/statutory-duties/section-17/"))

        quote = html.select_one("main figure blockquote")
        assert quote["cite"] == "https://www.legislation.gov.uk/ukpga/1998/37/section/17"
        cite = html.select_one("main figure figcaption cite")
        assert cite.get_text(strip=True) == "Crime and Disorder Act 1998, section 17(1)"
        assert cite.find("a")["href"] == "https://www.legislation.gov.uk/ukpga/1998/37/section/17"

    def test_shows_current_wording_including_serious_violence(self, demo_site, client):
        quote = soup(client.get("/statutory-duties/section-17/")).select_one("main blockquote")
        words = quote.get_text(" ", strip=True)

        assert words.startswith("Without prejudice to any other obligation imposed on it")
        assert "anti-social and other behaviour adversely affecting the local environment" in words
        assert "(b) the misuse of drugs, alcohol and other substances in its area" in words
        assert "(c) re-offending in its area" in words
        assert words.endswith("(d) serious violence in its area.")

    def test_says_what_amended_it_and_when_it_was_checked(self, demo_site, client):
        html = soup(client.get("/statutory-duties/section-17/"))

        note = html.select_one("main .app-quote__note").get_text(" ", strip=True)
        assert note.startswith("As amended by the Police and Justice Act 2006")
        assert "Police, Crime, Sentencing and Courts Act 2022" in note
        checked = html.select_one("main .app-duty__checked time")
        assert checked["datetime"] == "2026-11-02"
        assert checked.get_text(strip=True) == "2 November 2026"

    def test_lists_who_it_applies_to_functions_and_workstreams(self, demo_site, client):
        html = soup(client.get("/statutory-duties/section-17/"))

        lists = html.select("main dl.govuk-summary-list")
        authorities = [dt.get_text(strip=True) for dt in lists[0].select("dt")]
        functions = [dt.get_text(strip=True) for dt in lists[1].select("dt")]
        assert authorities == [
            "The council",
            "The police",
            "Fire and rescue",
            "Probation",
            "The local NHS body",
        ]
        assert functions == [
            "Crime and disorder",
            "Road safety",
            "Substance misuse",
            "Reducing re-offending",
            "Serious violence",
        ]
        related = [a["href"] for a in html.select("main .app-listing a")]
        assert related == [
            "/workstreams/contest/",
            "/workstreams/serious-and-organised-crime/",
            "/workstreams/integrated-offender-management/",
            "/workstreams/community-cohesion/",
        ]

    def test_index_introduces_duties_and_lists_section_17(self, demo_site, client):
        response = client.get("/statutory-duties/")
        html = soup(response)

        assert html.find("h1").get_text(strip=True) == "Statutory duties"
        items = html.select("main .app-listing__item")
        assert len(items) == 1
        assert items[0].find("a")["href"] == "/statutory-duties/section-17/"
        assert "Crime and Disorder Act 1998, section 17(1)" in items[0].get_text()

    def test_both_sections_are_in_the_main_menu(self, demo_site, client):
        menu = [
            a.get_text(strip=True) for a in soup(client.get("/")).select(".govuk-service-navigation__link")
        ]
        assert {"Statutory duties", "Workstreams"} <= set(menu)


class TestWorkstreamsFromDemo:
    def test_listing_shows_each_workstream_with_lead_and_summary(self, demo_site, client):
        html = soup(client.get("/workstreams/"))

        items = html.select("main .app-listing__item")
        titles = [item.find("h2").get_text(strip=True) for item in items]
        assert titles == [
            "CONTEST: counter-terrorism",
            "Serious and organised crime",
            "Integrated Offender Management",
            "Community cohesion",
        ]
        leads = [item.select_one(".app-listing__meta").get_text(strip=True) for item in items]
        assert leads == [
            "Led by: UK Government",
            "Led by: UK Government",
            "Led by: Local partners",
            "Led by: Welsh Government",
        ]
        summary = WorkstreamPage.objects.get(slug="contest").summary
        assert summary in items[0].get_text()

    def test_contest_has_four_strands_latest_strategy_and_prevent_duty(self, demo_site, client):
        response = client.get("/workstreams/contest/")
        text = main_text(response)

        for strand in ("Prevent", "Pursue", "Protect", "Prepare"):
            assert strand in text
        assert "Prevent duty" in text
        current = soup(response).select("main .app-strategy:not(.app-strategy--superseded)")
        assert "Home Office, July 2023" in current[0].get_text(" ", strip=True)

    def test_organised_crime_shows_2013_strategy_superseded(self, demo_site, client):
        html = soup(client.get("/workstreams/serious-and-organised-crime/"))

        lists = html.select("main ul.app-strategies")
        current_titles = [a.get_text(strip=True) for a in lists[0].select("a.app-document__link")]
        assert current_titles == ["Serious and Organised Crime Strategy 2023 to 2028"]
        earlier = lists[1].select(".app-strategy")
        assert [e.find("a").get_text(strip=True) for e in earlier] == [
            "Serious and Organised Crime Strategy 2018",
            "Serious and Organised Crime Strategy",
        ]
        assert "October 2013" in earlier[1].get_text()
        assert (
            earlier[1].select_one(".app-strategy__superseded").get_text(strip=True)
            == "Superseded by the Serious and Organised Crime Strategy 2018"
        )
        assert (
            earlier[0].select_one(".app-strategy__superseded").get_text(strip=True)
            == "Superseded by the Serious and Organised Crime Strategy 2023 to 2028"
        )

    def test_organised_crime_key_fact_has_source_and_year(self, demo_site, client):
        fact = soup(client.get("/workstreams/serious-and-organised-crime/")).select_one(
            "main .app-key-facts__item"
        )

        assert fact.select_one(".app-key-facts__figure").get_text(strip=True) == "£24bn"
        source = fact.select_one(".app-key-facts__source").get_text(" ", strip=True)
        assert "Home Office" in source
        assert source.endswith("2013")

    def test_offender_management_names_the_2020_strategy(self, demo_site, client):
        strategy = soup(client.get("/workstreams/integrated-offender-management/")).select_one(
            "main .app-strategy"
        )

        text = strategy.get_text(" ", strip=True)
        assert "Neighbourhood Crime Integrated Offender Management Strategy" in text
        assert "December 2020" in text

    def test_community_cohesion_plan_is_superseded_and_worded_cautiously(self, demo_site, client):
        response = client.get("/workstreams/community-cohesion/")
        html = soup(response)

        assert not html.select("main .app-strategy:not(.app-strategy--superseded)")
        plan = html.select_one("main .app-strategy--superseded").get_text(" ", strip=True)
        assert "National Community Cohesion Delivery Plan 2014 to 2016" in plan
        assert "Welsh Government, June 2014" in plan
        assert "At the time of writing" in main_text(response)

    def test_workstream_links_to_its_duty_and_related_pages(self, demo_site, client):
        html = soup(client.get("/workstreams/integrated-offender-management/"))

        related = [a["href"] for a in html.select("main ul.app-related a")]
        assert related == ["/statutory-duties/section-17/", "/workstreams/serious-and-organised-crime/"]

    def test_breadcrumbs_lead_back_through_the_section(self, demo_site, client):
        html = soup(client.get("/workstreams/contest/"))

        crumbs = [(a.get_text(strip=True), a["href"]) for a in html.select(".govuk-breadcrumbs__link")]
        assert crumbs == [("Home", "/"), ("Workstreams", "/workstreams/")]


class TestLeadFilter:
    @pytest.fixture
    def streams(self, make_workstream):
        return {
            "uk": make_workstream("uk-only", lead=Lead.UK),
            "wales": make_workstream("wales-only", lead=Lead.WALES),
            "both": make_workstream("joint", lead=Lead.BOTH),
            "local": make_workstream("local-only", lead=Lead.LOCAL),
        }

    @staticmethod
    def listed(response):
        return [
            a["href"].strip("/").split("/")[-1] for a in soup(response).select("main .app-listing__item h2 a")
        ]

    @pytest.mark.parametrize(
        ("lead", "expected"),
        [
            ("", ["uk-only", "wales-only", "joint", "local-only"]),
            ("uk", ["uk-only", "joint"]),
            ("wales", ["wales-only", "joint"]),
            ("both", ["joint"]),
            ("local", ["local-only"]),
        ],
    )
    def test_filter_by_lead(self, client, streams, lead, expected):
        response = client.get(f"/workstreams/?lead={lead}")

        assert response.status_code == 200
        assert self.listed(response) == expected
        selected = soup(response).select_one("#lead option[selected]")
        assert (selected["value"] if selected else "") == lead

    def test_filtered_count_says_who_leads(self, client, streams):
        status = (
            soup(client.get("/workstreams/?lead=wales")).select_one("[role=status]").get_text(" ", strip=True)
        )
        assert status.startswith("2 workstreams led by Welsh Government")

    @pytest.mark.parametrize(
        "query",
        ["lead=nobody", "lead=%00", "lead=" + "x" * 2000, "lead=UK", "lead=%F0%9F%98%80", "lead[]=uk"],
    )
    def test_bad_lead_gives_a_clear_400_and_still_lists_everything(self, client, streams, query):
        response = client.get(f"/workstreams/?{query}")

        if query == "lead[]=uk":
            # An unknown parameter is ignored.
            assert response.status_code == 200
            assert len(self.listed(response)) == 4
            return
        assert response.status_code == 400
        html = soup(response)
        assert html.title.get_text().startswith("Error: ")
        summary = html.select_one(".govuk-error-summary").get_text(" ", strip=True)
        assert "Choose who leads the workstream from the list" in summary
        assert html.select_one("#lead-error")
        assert len(self.listed(response)) == 4

    def test_filtered_pages_are_not_indexed(self, client, streams):
        robots = soup(client.get("/workstreams/?lead=uk")).find("meta", attrs={"name": "robots"})
        assert robots["content"] == "noindex, follow"


class TestStrategies:
    def test_superseded_strategy_is_labelled_and_never_listed_as_current(self, client, make_workstream):
        make_workstream(
            "plans",
            strategies=[
                {
                    "title": "Old plan",
                    "publisher": "Home Office",
                    "year": 2013,
                    "link": "https://example.org/old",
                    "status": StrategyDocument.Status.SUPERSEDED,
                    "superseded_by": "the New plan",
                },
                {
                    "title": "New plan",
                    "publisher": "Home Office",
                    "year": 2023,
                    "month": 7,
                    "link": "https://example.org/new",
                },
            ],
        )
        html = soup(client.get("/workstreams/plans/"))

        current, earlier = html.select("main ul.app-strategies")
        assert "Old plan" not in current.get_text()
        assert current.find_previous("h3").get_text(strip=True) == "Current strategy"
        assert earlier.find_previous("h3").get_text(strip=True) == "Earlier strategies"
        assert "Superseded by the New plan" in earlier.get_text(" ", strip=True)
        assert "New plan" not in earlier.select_one("a").get_text()

    def test_uploaded_strategy_shows_file_details_and_accessible_format(
        self, client, make_workstream, site_settings
    ):
        from django.core.files.base import ContentFile

        site_settings.contact_email = "team@example.org"
        site_settings.save()
        document = CSPDocument(title="Local plan")
        document.file.save("local-plan.txt", ContentFile(b"x" * 2048), save=False)
        document.file_size = 2048
        document.save()
        make_workstream(
            "local-plan",
            strategies=[
                {"title": "Local plan 2025", "publisher": "Millbrook CSP", "year": 2025, "document": document}
            ],
        )
        item = soup(client.get("/workstreams/local-plan/")).select_one("main .app-strategy")

        assert item.select_one("a.app-document__link")["href"] == document.url
        meta = item.select_one(".app-document__meta").get_text(" ", strip=True)
        assert "Millbrook CSP, 2025" in meta
        assert "TXT, 2.0" in meta
        assert "Request an accessible format" in item.get_text()

    def test_unpublished_and_expired_related_pages_are_hidden(self, client, make_workstream, make_duty):
        duty = make_duty()
        hidden = make_workstream("hidden")
        hidden.unpublish()
        expired = make_workstream("expired", expire_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
        shown = make_workstream("shown")
        link_workstreams(duty, [hidden, expired, shown])

        links = [a["href"] for a in soup(client.get(duty.url)).select("main .app-listing a")]
        assert links == ["/workstreams/shown/"]


def test_editors_see_the_review_date_in_preview_only(client, make_workstream):
    page = make_workstream("reviewed", next_review_due=datetime.date(2027, 3, 3))

    public = soup(client.get(page.url))
    assert public.select_one(".app-review-due") is None
    response = page.make_preview_request()
    note = BeautifulSoup(response.rendered_content, "html.parser").select_one(".app-review-due")
    assert "3 March 2027" in note.get_text()


def test_unknown_or_draft_child_is_404(client, make_workstream):
    draft = make_workstream("draft-stream")
    draft.unpublish()

    assert client.get("/workstreams/no-such-stream/").status_code == 404
    assert client.get("/workstreams/draft-stream/").status_code == 404
    publish(draft)
    assert client.get("/workstreams/draft-stream/").status_code == 200


@pytest.mark.parametrize("slug", ["statutory-duties", "section-17", "workstreams", "contest"])
def test_every_page_type_previews(demo_site, slug):
    page = Page.objects.get(slug=slug).specific

    response = page.make_preview_request()

    assert response.status_code == 200
    assert page.title in response.rendered_content

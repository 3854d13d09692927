"""Learning from reviews: themes on reviews, the listing's theme filter, key findings and
recommendations with their progress, through the editor path and the DHR workflow; and
nothing of them outlives the review on any route."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import WorkflowState

from dhr.models import Recommendation, ReviewPage
from tests.dhr.admin_forms import review_form_data
from tests.dhr.builders import IDENTIFYING_DETAILS, make_index, make_review
from tests.dhr.test_leaks import ONE_DAY_BEFORE_EXPIRY, PUBLISHED
from tests.learning import make_learning_page, make_learning_review, make_theme, make_theme_index
from themes.models import Theme

pytestmark = pytest.mark.django_db

FINDING = "Agencies did not share what they knew about the risk from the partner."
RECOMMENDATION = "Every GP practice trains its staff to ask about abuse at each appointment."
NOTE = "Training given to nine of twelve practices."


def approve(client, review, comment="Checked"):
    state = ReviewPage.objects.get(pk=review.pk).current_workflow_state
    response = client.post(
        f"/admin/pages/workflow/action/{review.pk}/approve/{state.current_task_state.pk}/",
        {"comment": comment},
    )
    assert response.status_code in (200, 302)
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED


def test_editor_tags_a_review_adds_learning_and_a_moderator_publishes_then_updates_progress(
    client, login, index, home_page
):
    make_theme_index(home_page)
    editor = login("Editors")
    response = client.post(
        "/admin/snippets/themes/theme/add/",
        {"name": "Coercive control", "slug": "coercive-control", "description": "A pattern of control."},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    theme = Theme.objects.get(slug="coercive-control")
    review = make_review(index, "Lesley", publish=False)
    review.save_revision(user=editor)

    data = review_form_data(review, themes=[str(theme.pk)])
    data.update(
        {
            "key_findings-TOTAL_FORMS": "1",
            "key_findings-0-text": FINDING,
            "key_findings-0-ORDER": "0",
            "key_findings-0-DELETE": "",
            "recommendations-TOTAL_FORMS": "1",
            "recommendations-0-text": RECOMMENDATION,
            "recommendations-0-agencies": "Kelbrook Primary Care Board",
            "recommendations-0-theme": str(theme.pk),
            "recommendations-0-progress": "in_progress",
            "recommendations-0-progress_updated": "2025-02-01",
            "recommendations-0-progress_note": NOTE,
            "recommendations-0-ORDER": "0",
            "recommendations-0-DELETE": "",
            "action-submit": "submit",
        }
    )
    response = client.post(f"/admin/pages/{review.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert not ReviewPage.objects.get(pk=review.pk).live

    login("Moderators")
    approve(client, review)
    review = ReviewPage.objects.get(pk=review.pk)
    assert review.live
    assert list(review.themes.all()) == [theme]
    page = client.get(review.url).content.decode()
    assert FINDING in page and RECOMMENDATION in page and NOTE in page
    assert "In progress" in page and "Progress last updated 1 February 2025" in page
    assert f'href="{index.url}?theme=coercive-control#completed-reviews"' in page

    # A moderator updates the progress by editing and approving through the workflow.
    moderator = login("Moderators")
    data = review_form_data(review)
    data.update(
        {
            "recommendations-0-progress": "completed",
            "recommendations-0-progress_updated": "2025-06-30",
            "recommendations-0-progress_note": "All twelve practices trained.",
            "action-submit": "submit",
        }
    )
    response = client.post(f"/admin/pages/{review.pk}/edit/", data)
    assert response.status_code == 302
    # Submitted, not yet published: readers still see the old progress.
    assert "In progress" in client.get(review.url).content.decode()
    approve(client, review, comment="Progress checked")
    page = client.get(review.url).content.decode()
    assert "Completed" in page and "All twelve practices trained." in page
    assert "Progress last updated 30 June 2025" in page
    assert Recommendation.objects.get(page=review).progress == "completed"
    assert moderator.username == "moderators"


def test_a_detail_in_a_recommendation_is_refused_at_publish(client, login, index):
    review = make_review(index, "Amira", publish=False)
    detail = IDENTIFYING_DETAILS.splitlines()[1]
    for row in [
        {"recommendations-0-text": f"Visit {detail} again."},
        {"recommendations-0-agencies": f"The office at {detail}"},
        {"recommendations-0-progress_note": f"Done at {detail}."},
    ]:
        login("Moderators")
        data = review_form_data(review)
        data.update(
            {
                "recommendations-TOTAL_FORMS": "1",
                "recommendations-0-text": "Share risk information.",
                "recommendations-0-agencies": "Kelbrook Police",
                "recommendations-0-progress": "not_started",
                "recommendations-0-ORDER": "0",
                "action-publish": "publish",
                **row,
            }
        )
        response = client.post(f"/admin/pages/{review.pk}/edit/", data)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Identifying detail 2 is in this page" in page and "recommendation 1" in page
        assert detail not in page.split("recommendations-0")[0]  # the message never repeats it
        assert not ReviewPage.objects.get(pk=review.pk).live


def test_a_detail_in_a_key_finding_is_refused_at_publish(index):
    from dhr.publication import ReviewNotReadyToPublish

    detail = IDENTIFYING_DETAILS.splitlines()[0]
    with pytest.raises(ReviewNotReadyToPublish):
        make_learning_review(index, "Sam", findings=[f"{detail} was known to the police."])
    assert not ReviewPage.objects.get(pseudonym="Sam").live


@pytest.fixture
def tagged(index):
    control = make_theme("Coercive control")
    money = make_theme("Economic abuse")
    make_theme("Older victims")
    lesley = make_learning_review(index, "Lesley", themes=[control])
    amira = make_learning_review(index, "Amira", themes=[control, money])
    make_review(index, "Jordan")
    return control, money, lesley, amira


def test_listing_filtered_by_theme_lists_only_tagged_reviews(client, index, tagged):
    control, money, lesley, amira = tagged
    page = client.get(index.url, {"theme": "economic-abuse"}).content.decode()
    assert "1 review" in page and "Amira" in page and "Lesley" not in page and "Jordan" not in page
    page = client.get(index.url, {"theme": "coercive-control"}).content.decode()
    assert "2 reviews" in page and "Jordan" not in page
    assert '<option value="coercive-control" selected>' in page
    response = client.get(index.url, {"theme": "older-victims"})
    assert response.status_code == 200
    assert "No reviews match these filters." in response.content.decode()


@pytest.mark.parametrize("value", ["no-such-theme", "<script>", "coercive control"])
def test_a_bad_theme_is_a_400_with_an_error_summary(client, index, tagged, value):
    response = client.get(index.url, {"theme": value})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Choose a theme from the list." in page
    assert 'href="#id_theme"' in page
    assert "<script>" not in page.split("govuk-error-summary")[1].split("</form>")[0]


LEARNED = "What the partnership learned from the review of Lesley."
ADVICE = "Police should record every report of coercive behaviour."


@pytest.fixture
def section(home_page):
    with time_machine.travel(PUBLISHED, tick=False):
        index = make_index(home_page)
        themes_page = make_theme_index(home_page)
        control = make_theme("Coercive control")
        aged = make_learning_review(
            index,
            "Lesley",
            publication_date=PUBLISHED.date(),
            themes=[control],
            findings=[LEARNED],
            recommendations=[{"text": ADVICE, "theme": control, "progress_note": "Started in May."}],
        )
        current = make_learning_review(
            index,
            "Amira",
            publication_date=PUBLISHED.date(),
            keep_online_until=datetime.date(2027, 1, 1),
            themes=[control],
        )
        learned = make_learning_page(index, threshold=2)
    return index, themes_page, control, aged, current, learned


def counts(page):
    """The figures in the "What we have learned" tables, as (row heading, figure)."""
    import re

    return re.findall(
        r'<th scope="row" class="govuk-table__header">(?:<a[^>]*>)?([^<]+)(?:</a>)?</th>\s*<td[^>]*>([^<]+)</td>',
        page,
    )


def everywhere(client, index, themes_page, theme):
    """Every public page that could show a review's learning."""
    urls = [
        f"{index.url}what-we-have-learned/",
        index.url,
        f"{index.url}?theme={theme.slug}",
        themes_page.url,
        f"{themes_page.url}{theme.slug}/",
        "/search/?q=coercive",
        "/search/?q=police",
        "/sitemap.xml",
    ]
    return {url: client.get(url).content.decode() for url in urls}


def test_learning_is_public_while_the_review_is(client, section):
    index, themes_page, control, aged, current, learned = section
    with time_machine.travel(ONE_DAY_BEFORE_EXPIRY, tick=False):
        page = client.get(aged.url).content.decode()
        assert LEARNED in page and ADVICE in page
        theme_page = client.get(f"{themes_page.url}{control.slug}/").content.decode()
        assert f'href="{aged.url}"' in theme_page and f'href="{current.url}"' in theme_page
        figures = counts(client.get(learned.url).content.decode())
        assert ("Coercive control", "2") in figures and ("Not started", "1") in figures


@pytest.mark.parametrize(
    "cron_ran", [False, True], ids=["before publish_scheduled", "after publish_scheduled"]
)
def test_at_expire_at_the_learning_is_gone_from_every_route(client, section, cron_ran):
    index, themes_page, control, aged, current, learned = section
    with time_machine.travel(aged.expire_at, tick=False):
        if cron_ran:
            call_command("publish_scheduled", verbosity=0)
        assert client.get(aged.url).status_code == 410
        gone = client.get(aged.url).content.decode()
        assert LEARNED not in gone and ADVICE not in gone and "Started in May." not in gone
        for url, page in everywhere(client, index, themes_page, control).items():
            assert LEARNED not in page and ADVICE not in page, url
            assert f'href="{aged.url}"' not in page, url
        theme_page = client.get(f"{themes_page.url}{control.slug}/").content.decode()
        assert f'href="{current.url}"' in theme_page and f'href="{aged.url}"' not in theme_page
        listing = client.get(index.url, {"theme": control.slug}).content.decode()
        assert "1 review" in listing and f'href="{current.url}"' in listing
        learned_page = client.get(learned.url).content.decode()
        assert ("Coercive control", "Fewer than 2") in counts(learned_page)
        assert ("Not started", "1") not in counts(learned_page)
        assert "None of the reviews online now has recommendations" in learned_page


def test_theme_page_says_when_nothing_is_current(client, section):
    index, themes_page, control, aged, current, learned = section
    with time_machine.travel(datetime.datetime(2027, 2, 1, tzinfo=datetime.UTC), tick=False):
        page = client.get(f"{themes_page.url}{control.slug}/").content.decode()
        assert "Nothing about this theme is published at the moment." in page
        assert control.description in page


def test_review_page_without_learning_shows_no_empty_headings(client, index):
    review = make_review(index, "Jordan")
    page = client.get(review.url).content.decode()
    assert "Key findings" not in page and "Recommendations and progress" not in page


def test_progress_choices_are_the_four_the_action_plan_uses():
    assert [value for value, _label in Recommendation.Progress.choices] == [
        "not_started",
        "in_progress",
        "completed",
        "not_accepted",
    ]
    assert timezone.now()


def test_learned_page_hides_small_counts_and_links_each_theme(client, home_page, index):
    themes_page = make_theme_index(home_page)
    control, money = make_theme("Coercive control"), make_theme("Economic abuse")
    for name in ("Ana", "Bea", "Cai"):
        make_learning_review(
            index,
            name,
            themes=[control] + ([money] if name == "Ana" else []),
            recommendations=[
                {"text": "Train staff.", "progress": "completed"},
                {"text": "Audit.", "progress": "in_progress"},
            ],
        )
    learned = make_learning_page(index)
    page = client.get(learned.url).content.decode()
    figures = counts(page)
    assert ("Coercive control", "3") in figures
    assert ("Economic abuse", "Fewer than 3") in figures and ("Economic abuse", "1") not in figures
    assert (
        ("Completed", "3") in figures and ("In progress", "3") in figures and ("Not accepted", "0") in figures
    )
    assert f'href="{themes_page.url}economic-abuse/"' in page
    assert "6 recommendations" in page and "3 reviews online now" in page


def test_preview_shows_the_findings_and_recommendations_being_edited(client, login, index):
    review = make_learning_review(index, "Jo", findings=["The saved finding."])
    login("Editors")
    data = review_form_data(review)
    data.update(
        {
            "key_findings-0-text": "The finding as now edited.",
            "recommendations-TOTAL_FORMS": "1",
            "recommendations-0-text": "A new recommendation.",
            "recommendations-0-agencies": "Kelbrook Police",
            "recommendations-0-progress": "in_progress",
            "recommendations-0-ORDER": "0",
        }
    )
    url = f"/admin/pages/{review.pk}/edit/preview/"
    assert client.post(url, data).json()["is_valid"]
    page = client.get(url).content.decode()
    assert "The finding as now edited." in page and "The saved finding." not in page
    assert "A new recommendation." in page and "In progress" in page

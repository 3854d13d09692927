"""Themes: a snippet Editors and Moderators manage, never deleted while in use; the themes
index and each theme's page; and a Welsh review's themes are the Welsh ones."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale
from wagtail_localize.operations import TranslationCreator

from dhr.models import ReviewPage
from tests.dhr.builders import make_index, make_review
from tests.helpers import field_help_gaps
from tests.learning import make_learning_review, make_theme, make_theme_index
from tests.welsh import log_in_as, offer_welsh, translate, welsh_home
from themes.entries import HOOK_NAME
from themes.models import Theme, ThemeIndexPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Theme, ThemeIndexPage])
def test_every_field_has_help_text(model):
    assert field_help_gaps(model) == []


def test_editors_add_and_change_themes_and_only_moderators_delete():
    editors = Group.objects.get(name="Editors").permissions.filter(content_type__app_label="themes")
    moderators = Group.objects.get(name="Moderators").permissions.filter(content_type__app_label="themes")
    assert set(editors.values_list("codename", flat=True)) == {"add_theme", "change_theme"}
    assert set(moderators.values_list("codename", flat=True)) == {"add_theme", "change_theme", "delete_theme"}


def test_a_theme_in_use_is_not_deleted_and_the_moderator_is_told_why(client, home_page):
    index = make_index(home_page)
    used = make_theme("Coercive control")
    unused = make_theme("Older victims")
    make_learning_review(index, "Lesley", themes=[used])
    log_in_as(client, "Moderators", "theme-moderator")

    response = client.post(f"/admin/snippets/themes/theme/delete/{used.pk}/", follow=True)
    assert Theme.objects.filter(pk=used.pk).exists()
    assert "used by reviews or recommendations, so it cannot be deleted" in response.content.decode()
    assert response.status_code == 200

    client.post(f"/admin/snippets/themes/theme/delete/{unused.pk}/")
    assert not Theme.objects.filter(pk=unused.pk).exists()


def test_a_theme_named_on_a_recommendation_only_is_in_use_too(home_page):
    index = make_index(home_page)
    theme = make_theme("Information sharing")
    make_learning_review(index, "Sam", recommendations=[{"text": "Share records.", "theme": theme}])
    assert theme.uses() == 1


def test_themes_index_lists_themes_and_each_has_its_page(client, home_page):
    page = make_theme_index(home_page)
    theme = make_theme("Economic abuse", description="Control of money, work and housing.")
    listing = client.get(page.url).content.decode()
    assert f'href="{page.url}economic-abuse/"' in listing and "Control of money" in listing
    theme_page = client.get(f"{page.url}economic-abuse/")
    assert theme_page.status_code == 200
    assert "Control of money, work and housing." in theme_page.content.decode()
    assert theme.name in theme_page.content.decode()


@pytest.mark.parametrize("slug", ["no-such-theme", "economic-abuse/extra", "%3Cscript%3E"])
def test_an_unknown_theme_is_a_404(client, home_page, slug):
    page = make_theme_index(home_page)
    make_theme("Economic abuse")
    assert client.get(f"{page.url}{slug}/").status_code == 404


def test_sections_contribute_entries_through_the_hook():
    from wagtail import hooks

    from dhr.theme_entries import review_entries

    assert review_entries in hooks.get_hooks(HOOK_NAME)


@pytest.fixture
def welsh_section(home_page, site_settings):
    locale = offer_welsh(site_settings)
    welsh_home(home_page, locale)
    index = make_index(home_page)
    translate(index, locale, title="Adolygiadau dynladdiad domestig", slug="adolygiadau")
    control = make_theme("Coercive control")
    welsh_control = control.copy_for_translation(locale)
    welsh_control.name, welsh_control.slug = "Rheolaeth drwy orfodaeth", "rheolaeth-drwy-orfodaeth"
    welsh_control.save()
    money = make_theme("Economic abuse")  # no Welsh version yet
    return locale, index, control, welsh_control, money


def test_a_welsh_review_points_at_the_welsh_theme_where_there_is_one(welsh_section):
    locale, index, control, welsh_control, money = welsh_section
    review = make_learning_review(index, "Lesley", themes=[control, money])
    welsh = translate(review, locale, summary="Crynodeb o adolygiad Lesley.")
    assert set(welsh.themes.all()) == {welsh_control, money}
    assert set(ReviewPage.objects.get(pk=review.pk).themes.all()) == {control, money}


def test_publishing_the_english_review_again_updates_the_welsh_themes_and_progress(welsh_section):
    locale, index, control, welsh_control, money = welsh_section
    review = make_learning_review(
        index, "Lesley", themes=[money], recommendations=[{"text": "Train staff.", "progress": "in_progress"}]
    )
    welsh = translate(review, locale)
    review = ReviewPage.objects.get(pk=review.pk)
    review.themes = [control]
    rows = list(review.recommendations.all())
    rows[0].progress = "completed"
    review.recommendations = rows
    review.save_revision().publish()
    assert [r.progress for r in ReviewPage.objects.get(pk=review.pk).recommendations.all()] == ["completed"]
    welsh = ReviewPage.objects.get(pk=welsh.pk)
    assert list(welsh.themes.all()) == [welsh_control]
    assert [r.progress for r in welsh.recommendations.all()] == ["completed"]


def test_wagtail_localize_translates_findings_and_recommendations(client, welsh_section):
    locale, index, control, welsh_control, money = welsh_section
    review = make_learning_review(
        index,
        "Jo",
        themes=[control, money],
        findings=["Agencies did not share information."],
        recommendations=[
            {"text": "Share risk information.", "theme": control, "agencies": "Kelbrook Police"}
        ],
    )
    editor = log_in_as(client, "Editors", "translator")
    TranslationCreator(editor, [locale]).create_translations(review)
    welsh = ReviewPage.objects.get(translation_key=review.translation_key, locale=locale)
    finding = welsh.key_findings.get()
    recommendation = welsh.recommendations.get()
    assert finding.locale == locale and recommendation.locale == locale
    assert recommendation.theme == welsh_control
    assert recommendation.translation_key == review.recommendations.get().translation_key
    from wagtail_localize.models import StringSegment, TranslationSource

    source = TranslationSource.objects.get_for_instance(review)
    texts = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    assert {"Agencies did not share information.", "Share risk information.", "Kelbrook Police"} <= texts
    # The Welsh draft publishes once the English page is live, with the Welsh theme.
    welsh.get_latest_revision().publish()
    welsh = ReviewPage.objects.get(pk=welsh.pk)
    assert welsh.live and set(welsh.themes.all()) == {welsh_control, money}
    assert Locale.objects.filter(language_code="cy").exists()


def test_welsh_theme_page_lists_the_welsh_review(client, welsh_section, home_page):
    locale, index, control, welsh_control, money = welsh_section
    page = make_theme_index(home_page)
    welsh_page = translate(page, locale, title="Themâu", slug="themau")
    review = make_learning_review(index, "Lesley", themes=[control])
    welsh = translate(review, locale, summary="Crynodeb o adolygiad Lesley.")
    english = client.get(f"{page.url}coercive-control/").content.decode()
    assert f'href="{review.url}"' in english and f'href="{welsh.url}"' not in english
    cymraeg = client.get(f"{welsh_page.url}rheolaeth-drwy-orfodaeth/").content.decode()
    assert f'href="{welsh.url}"' in cymraeg and f'href="{review.url}"' not in cymraeg
    assert make_review  # the builder of untagged reviews is the same


def test_each_theme_page_is_in_the_sitemap_while_its_index_is_online(client, home_page):
    page = make_theme_index(home_page)
    make_theme("Economic abuse")
    make_theme("Coercive control")

    sitemap = client.get("/sitemap.xml").content.decode()
    full = page.get_full_url()
    assert f"<loc>{full}</loc>" in sitemap
    assert f"<loc>{full}coercive-control/</loc>" in sitemap
    assert f"<loc>{full}economic-abuse/</loc>" in sitemap

    page.unpublish()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "economic-abuse" not in sitemap

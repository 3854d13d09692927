"""A review's Welsh translation goes through the DHR approval workflow like the English
review: an Editor translates and submits it, a Moderator approves it, and only then is
it public at /cy/. wagtail-localize publishes when the transaction commits, so every
request runs its on-commit callbacks."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import WorkflowPage, WorkflowState

from dhr.models import ReviewPage
from dhr.moderation import WORKFLOW_NAME
from tests.dhr.builders import make_index, make_review
from tests.welsh import log_in_as, offer_welsh, synced_translation, translate, welsh_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def wales(home_page, site_settings):
    locale = offer_welsh(site_settings)
    welsh_home(home_page, locale)
    index = make_index(home_page)
    welsh_index = translate(index, locale, title="Adolygiadau dynladdiad domestig", slug="adolygiadau")
    review = make_review(index, "Lesley")
    return {"locale": locale, "index": index, "welsh_index": welsh_index, "review": review}


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def translate_as_editor(client, commit, wales):
    log_in_as(client, "Editors")
    response = commit(
        client.post,
        reverse("wagtail_localize:submit_page_translation", args=[wales["review"].pk]),
        {"locales": [wales["locale"].pk]},
    )
    assert response.status_code == 302
    return ReviewPage.objects.get(translation_key=wales["review"].translation_key, locale=wales["locale"])


def welsh_url(welsh):
    return f"/cy/adolygiadau/{welsh.slug}/"


def approve_as_moderator(client, commit, welsh):
    log_in_as(client, "Moderators")
    state = ReviewPage.objects.get(pk=welsh.pk).current_workflow_state
    return commit(
        client.post,
        reverse(
            "wagtailadmin_pages:workflow_action", args=[welsh.pk, "approve", state.current_task_state.pk]
        ),
        {"comment": "Checked the Welsh"},
    )


def test_the_welsh_section_has_the_dhr_approval_workflow(wales):
    assert WorkflowPage.objects.get(page=wales["welsh_index"]).workflow.name == WORKFLOW_NAME


def test_an_editors_translation_of_a_live_review_goes_live_only_when_a_moderator_approves_it(
    client, commit, wales
):
    welsh = translate_as_editor(client, commit, wales)
    assert not welsh.live
    assert welsh.get_workflow().name == WORKFLOW_NAME

    html = BeautifulSoup(
        client.get(reverse("wagtailadmin_pages:edit", args=[welsh.pk])).content, "html.parser"
    )
    submit = html.select_one("[data-translation-moderation] button[value=submit]")
    assert submit.get_text(" ", strip=True) == f"Submit to {WORKFLOW_NAME}"
    response = commit(
        client.post, reverse("wagtailadmin_pages:edit", args=[welsh.pk]), {"translation-moderation": "submit"}
    )
    assert response.status_code == 302
    welsh = ReviewPage.objects.get(pk=welsh.pk)
    assert welsh.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not welsh.live
    client.logout()
    assert client.get(welsh_url(welsh)).status_code == 404

    approve_as_moderator(client, commit, welsh)
    client.logout()
    response = client.get(welsh_url(welsh))
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").find("h1").get_text(strip=True) == welsh.title


def test_a_moderator_cannot_approve_the_welsh_review_while_the_english_review_is_not_live(
    client, commit, wales
):
    welsh = translate_as_editor(client, commit, wales)
    commit(
        client.post, reverse("wagtailadmin_pages:edit", args=[welsh.pk]), {"translation-moderation": "submit"}
    )
    wales["review"].unpublish()

    approve_as_moderator(client, commit, welsh)

    assert not ReviewPage.objects.get(pk=welsh.pk).live
    client.logout()
    assert client.get(welsh_url(welsh)).status_code == 404


def test_an_editors_sync_of_a_review_changes_nothing_readers_see(client, commit, wales):
    welsh = translate_as_editor(client, commit, wales)
    source = synced_translation(wales["review"], wales["locale"]).source
    response = commit(
        client.post,
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    assert response.status_code == 302
    assert not ReviewPage.objects.get(pk=welsh.pk).live
    client.logout()
    assert client.get(welsh_url(welsh)).status_code == 404

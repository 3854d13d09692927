"""The Editors and Moderators groups, as editors meet them in the admin."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def login_as(client, django_user_model):
    def login(group_name):
        user = django_user_model.objects.create_user(
            f"{group_name.lower()}-user", f"{group_name}@example.org", "pw"
        )
        user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        return user

    return login


def page_data(slug, action):
    data = {
        "title": f"Page {slug}",
        "slug": slug,
        "summary": "Summary.",
        "body": streamfield([("paragraph", rich_text("Words"))]),
        "last_reviewed": "2026-01-01",
        "next_review_due": "2027-01-01",
    }
    data[action] = action.removeprefix("action-")
    return nested_form_data(data)


def test_editor_can_create_and_submit_but_not_publish(client, login_as, home_page):
    login_as("Editors")
    url = f"/admin/pages/add/home/standardpage/{home_page.pk}/"

    client.post(url, page_data("tried-to-publish", "action-publish"))
    client.post(url, page_data("submitted", "action-submit"))

    assert not StandardPage.objects.get(slug="tried-to-publish").live
    submitted = StandardPage.objects.get(slug="submitted")
    assert not submitted.live
    assert submitted.workflow_in_progress


def test_moderator_can_publish(client, login_as, home_page):
    login_as("Moderators")
    response = client.post(
        f"/admin/pages/add/home/standardpage/{home_page.pk}/", page_data("published", "action-publish")
    )

    assert response.status_code == 302
    assert StandardPage.objects.get(slug="published").live


def test_editor_cannot_delete_documents_or_change_settings(client, login_as, site):
    user = login_as("Editors")
    assert not user.has_perm("wagtaildocs.delete_document")
    assert client.get(f"/admin/settings/home/sitesettings/{site.pk}/").status_code in (302, 403)


def test_moderator_can_post_alert_banners_and_change_settings(client, login_as, site):
    login_as("Moderators")
    assert client.get("/admin/snippets/home/alertbanner/add/").status_code == 200
    assert client.get(f"/admin/settings/home/sitesettings/{site.pk}/").status_code == 200


def test_both_groups_can_reach_the_admin(client, login_as):
    for name in ("Editors", "Moderators"):
        login_as(name)
        assert client.get("/admin/").status_code == 200
    assert Page.objects.filter(depth=1).exists()

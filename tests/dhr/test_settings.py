"""The DHR settings (publication period, request-a-copy inbox): moderators edit them in
Settings, editors cannot, and sites that had them in the site settings keep their values."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dhr.models import DHRSettings
from tests.helpers import field_help_gaps

# The last migrations before the settings moved, and the ones that move them.
BEFORE = [
    ("dhr", "0004_translatable_form_fields_step3"),
    ("home", "0006_translatable_banners_partners_step3"),
]
AFTER = [("dhr", "0006_moderators_change_dhrsettings"), ("home", "0007_remove_review_settings")]


def edit_url(site):
    return f"/admin/settings/dhr/dhrsettings/{site.pk}/"


@pytest.fixture
def login_as(client, django_user_model):
    def login(group_name):
        user = django_user_model.objects.create_user(f"{group_name.lower()}-user", "", "pw")
        user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)

    return login


def test_every_field_has_help_text():
    assert field_help_gaps(DHRSettings, exempt={"site"}) == []


@pytest.mark.django_db
def test_moderators_change_the_settings_and_editors_cannot(client, login_as, site):
    login_as("Editors")
    assert client.get(edit_url(site)).status_code in (302, 403)

    login_as("Moderators")
    response = client.get(edit_url(site))
    assert response.status_code == 200
    assert b"review publication period" in response.content.lower()
    response = client.post(edit_url(site), {"review_publication_months": "18", "request_copy_inbox": ""})
    assert response.status_code == 302
    assert DHRSettings.for_site(site).review_publication_months == 18


@pytest.mark.django_db
def test_a_period_outside_one_to_120_months_is_refused(admin_client, site):
    response = admin_client.post(edit_url(site), {"review_publication_months": "0", "request_copy_inbox": ""})
    assert response.status_code == 200
    assert b"greater than or equal to 1" in response.content
    assert DHRSettings.for_site(site).review_publication_months == 12


def migrate(targets):
    """Migrates the test database to ``targets``; returns the models as they were then."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrating_keeps_each_sites_values():
    old = migrate(BEFORE)
    site_id = old.get_model("wagtailcore", "Site").objects.get(is_default_site=True).pk
    old.get_model("home", "SiteSettings").objects.update_or_create(
        site_id=site_id, defaults={"review_publication_months": 7, "request_copy_inbox": "dhr@example.org"}
    )

    migrate(AFTER)
    moved = DHRSettings.objects.get(site_id=site_id)
    assert (moved.review_publication_months, moved.request_copy_inbox) == (7, "dhr@example.org")
    moderators = Group.objects.get(name="Moderators")
    assert moderators.permissions.filter(
        content_type__app_label="dhr", codename="change_dhrsettings"
    ).exists()
    assert not Group.objects.get(name="Editors").permissions.filter(content_type__app_label="dhr").exists()

    DHRSettings.objects.filter(site_id=site_id).update(review_publication_months=9)
    back = migrate(BEFORE).get_model("home", "SiteSettings").objects.get(site_id=site_id)
    assert (back.review_publication_months, back.request_copy_inbox) == (9, "dhr@example.org")
    migrate(AFTER)
    assert DHRSettings.objects.get(site_id=site_id).review_publication_months == 9


@pytest.fixture(autouse=True)
def back_to_the_latest_migrations(request):
    """A test that migrates backwards leaves the database at its last target; the tests
    after it expect every migration applied, including ones added since ``AFTER``."""
    yield
    if "transactional_db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

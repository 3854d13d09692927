"""`make run` gives one local account per role, and never under production settings."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from dhr import copy_requests
from tests.prod.conftest import production_env, run_manage

pytestmark = pytest.mark.django_db


def test_demo_creates_an_account_for_each_role(settings):
    settings.DEMO_EDITOR_ENABLED = True
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    users = {user.username: user for user in get_user_model().objects.prefetch_related("groups")}
    groups = {name: [group.name for group in user.groups.all()] for name, user in users.items()}
    assert groups == {
        "editor": [],
        "demo-editor": ["Editors"],
        "demo-moderator": ["Moderators"],
        "demo-copy-handler": [copy_requests.HANDLERS_GROUP],
    }
    assert users["editor"].is_superuser
    assert not any(
        users[name].is_superuser for name in ("demo-editor", "demo-moderator", "demo-copy-handler")
    )
    assert all(user.check_password("local-demo-only") for user in users.values())
    assert copy_requests.can_handle(users["demo-copy-handler"])
    assert not copy_requests.can_handle(users["demo-moderator"])
    assert not copy_requests.can_handle(users["demo-editor"])
    for name in groups:
        assert f": {name} / local-demo-only" in out.getvalue()


def test_demo_creates_no_account_unless_development_settings_allow(settings):
    settings.DEMO_EDITOR_ENABLED = False
    call_command("load_demo_content", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


def test_production_settings_never_allow_demo_accounts():
    script = "from django.conf import settings; print(settings.DEMO_EDITOR_ENABLED)"
    result = run_manage("shell", "-c", script, env=production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"

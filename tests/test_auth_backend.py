"""core.auth_backend.PermissionsBackend answers as Django's ModelBackend does, for every
group the site sets up, a user with permissions of their own, a superuser, an inactive
user and an object, in one query where Django takes two."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Group, Permission

from core.auth_backend import PermissionsBackend

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as a new request sees them, with no permission caches."""
    return type(user).objects.get(pk=user.pk)


def users(django_user_model):
    made = []
    for group in Group.objects.all():
        user = django_user_model.objects.create_user(f"in-{group.pk}", f"{group.pk}@example.org", "pw")
        user.groups.add(group)
        made.append(user)
    own = django_user_model.objects.create_user("own", "own@example.org", "pw")
    own.user_permissions.add(Permission.objects.get(codename="view_redirect"))
    own.groups.add(Group.objects.get(name="Editors"))
    made.append(own)
    made.append(django_user_model.objects.create_superuser("super", "super@example.org", "pw"))
    inactive = django_user_model.objects.create_user("gone", "gone@example.org", "pw", is_active=False)
    inactive.groups.add(Group.objects.get(name="Moderators"))
    made.append(inactive)
    return made


def test_the_same_permissions_as_djangos_backend(django_user_model):
    assert Group.objects.filter(name__in=["Editors", "Moderators"]).count() == 2
    for user in users(django_user_model):
        expected = ModelBackend().get_all_permissions(fresh(user))
        assert PermissionsBackend().get_all_permissions(fresh(user)) == expected, user.username
        some = sorted(expected)[:3] + ["wagtailadmin.access_admin", "wagtailcore.add_page", "nope.nothing"]
        for permission in some:
            assert PermissionsBackend().has_perm(fresh(user), permission) == ModelBackend().has_perm(
                fresh(user), permission
            ), (user.username, permission)
    editor = fresh(users_named(django_user_model, "own"))
    assert PermissionsBackend().get_all_permissions(editor, obj=object()) == set()
    assert PermissionsBackend().get_all_permissions(AnonymousUser()) == set()


def users_named(django_user_model, username):
    return django_user_model.objects.get(username=username)


def test_one_query_and_kept_for_the_request(django_user_model, django_assert_num_queries):
    user = users(django_user_model)[0]
    user = fresh(user)
    with django_assert_num_queries(1):
        PermissionsBackend().get_all_permissions(user)
        PermissionsBackend().has_perm(user, "wagtailadmin.access_admin")

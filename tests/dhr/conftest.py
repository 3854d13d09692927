"""Fixtures shared by the DHR section's tests."""

import pytest
from django.contrib.auth.models import Group

from tests.dhr.builders import make_index


@pytest.fixture
def index(home_page):
    """The DHR section under the home page, with its workflow and collection."""
    return make_index(home_page)


@pytest.fixture
def as_user(client, django_user_model):
    """``as_user("Editors")``: a new member of that group, signed in on ``client``."""

    def login(group_name):
        user = django_user_model.objects.create_user(group_name.lower(), f"{group_name}@example.org", "pw")
        user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        return user

    return login


@pytest.fixture
def login(client, django_user_model):
    """``login("Moderators")``: signs in on ``client`` as that group's one test member,
    made the first time; signing in as the same group again is the same user."""

    def as_member_of(group_name):
        user = django_user_model.objects.filter(username=group_name.lower()).first()
        if user is None:
            user = django_user_model.objects.create_user(
                group_name.lower(), f"{group_name}@example.org", "pw"
            )
            user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        return user

    return as_member_of

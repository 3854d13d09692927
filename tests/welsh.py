"""Builders for the Welsh side of the site: turning Welsh on and translating pages the
way Wagtail does (``copy_for_translation``), with Welsh titles."""

from wagtail.models import Locale

from i18n.nation import Nation


def offer_welsh(site_settings):
    """Set the nation to Wales, which also creates the Welsh locale."""
    site_settings.nation = Nation.WALES
    site_settings.save()
    return Locale.objects.get(language_code="cy")


def translate(page, locale, publish=True, **fields):
    """``page``'s Welsh translation (parents translated first), with ``fields`` set."""
    welsh = page.specific.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(welsh, name, value)
    revision = welsh.save_revision()
    if publish:
        revision.publish()
    return type(welsh).objects.get(pk=welsh.pk)


def welsh_home(home_page, locale):
    return translate(home_page, locale, title="Partneriaeth Diogelwch Cymunedol", slug="hafan")


def log_in_as(client, group_name, username=None):
    """A user in the Editors or Moderators group, logged in on ``client``."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    username = username or f"{group_name.lower()}-translator"
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return user


def synced_translation(page, locale):
    """wagtail-localize's translation of ``page`` into ``locale``."""
    from wagtail_localize.models import Translation

    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)

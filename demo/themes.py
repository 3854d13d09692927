"""The demo's learning themes, from ``content/themes.toml``: English ones, loaded before
the pages that name them, and their Welsh versions for ``--nation wales``.

Idempotent: a theme is found by its slug in its language and updated in place."""

from wagtail.models import Locale

from demo import content
from i18n.languages import WELSH
from themes.models import Theme


def english_theme(slug):
    return Theme.objects.get(slug=slug, locale=Locale.get_default())


def load():
    english = Locale.get_default()
    for data in content.read("themes")["themes"]:
        Theme.objects.update_or_create(
            slug=data["slug"],
            locale=english,
            defaults={"name": data["name"], "description": data["description"]},
        )


def load_welsh():
    """Each theme's Welsh version, linked to the English one as wagtail-localize links them."""
    locale, _ = Locale.objects.get_or_create(language_code=WELSH)
    for data in content.read("themes")["themes"]:
        source = english_theme(data["slug"])
        Theme.objects.update_or_create(
            translation_key=source.translation_key,
            locale=locale,
            defaults={
                "slug": data["welsh_slug"],
                "name": data["welsh_name"],
                "description": data["welsh_description"],
            },
        )

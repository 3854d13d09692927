"""The synonyms every community safety partnership's site starts with, and the
Moderators' permission to manage them (as they manage promoted search results).

Editors change or add to the list in **Settings → Search synonyms**; this migration only
adds terms that are not there yet, so running it never overwrites an editor's change."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SEED = {
    "DHR": [
        "domestic homicide review",
        "adolygiad dynladdiad domestig",
        "adolygiadau dynladdiad domestig",
    ],
    "DARDR": [
        "domestic abuse related death review",
        "domestic abuse related death reviews",
    ],
    "SUSR": [
        "single unified safeguarding review",
        "adolygiad diogelu unedig sengl",
    ],
    "CSP": [
        "community safety partnership",
        "partneriaeth diogelwch cymunedol",
    ],
    "ASB": [
        "anti-social behaviour",
        "antisocial behaviour",
        "ymddygiad gwrthgymdeithasol",
    ],
    "SOC": [
        "serious and organised crime",
        "organised crime",
    ],
    "IOM": [
        "integrated offender management",
    ],
    "MARAC": [
        "multi-agency risk assessment conference",
    ],
    "IDVA": [
        "independent domestic violence adviser",
        "independent domestic violence advisor",
    ],
    "DASH": [
        "domestic abuse stalking and harassment",
    ],
    "Prevent": [
        "CONTEST",
    ],
    "domestic violence": [
        "domestic abuse",
        "cam-drin domestig",
        "gam-drin domestig",
        "cham-drin domestig",
        "trais domestig",
    ],
    "anti social": [
        "anti-social",
        "antisocial",
        "gwrthgymdeithasol",
    ],
}

MODERATOR_PERMISSIONS = ("add_searchsynonym", "change_searchsynonym", "delete_searchsynonym")


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    for term, equivalents in SEED.items():
        SearchSynonym.objects.get_or_create(term=term, defaults={"equivalents": "\n".join(equivalents)})

    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(content_type__app_label="search", codename__in=MODERATOR_PERMISSIONS)
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.add(*permissions)


def unseed(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    SearchSynonym.objects.filter(term__in=SEED).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_search_synonym"),
        ("home", "0003_editor_groups"),  # the Moderators group
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, unseed)]

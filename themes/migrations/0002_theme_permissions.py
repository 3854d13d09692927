"""Editors and Moderators manage the themes: both add and change them; only Moderators
delete one (and only one nothing uses, themes.wagtail_hooks)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = {
    "Editors": ["add_theme", "change_theme"],
    "Moderators": ["add_theme", "change_theme", "delete_theme"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("themes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="themes", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    for group in apps.get_model("auth.Group").objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="themes"))


class Migration(migrations.Migration):
    dependencies = [
        ("themes", "0001_initial"),
        ("home", "0003_editor_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

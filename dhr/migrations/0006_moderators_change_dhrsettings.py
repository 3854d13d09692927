"""Moderators change the DHR settings, as they changed these fields when they were part
of the site settings (home's 0003_editor_groups). Editors still cannot."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Moderators"
CODENAME = "change_dhrsettings"


def dhrsettings_permission(apps):
    # Django creates permissions after all migrations have run; this one is needed now.
    app_config = apps.get_app_config("dhr")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    return apps.get_model("auth", "Permission").objects.get(content_type__app_label="dhr", codename=CODENAME)


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(dhrsettings_permission(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(dhrsettings_permission(apps))


class Migration(migrations.Migration):

    dependencies = [
        ('dhr', '0005_dhrsettings'),
        ('home', '0003_editor_groups'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [migrations.RunPython(grant, revoke)]

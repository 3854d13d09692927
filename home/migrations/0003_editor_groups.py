"""The two editing roles, created with the permissions each needs.

Wagtail's own migrations already create groups with these names; this one sets their
permissions. Editors create and edit pages, documents and images and submit them for
moderation; they cannot publish or delete files. Moderators also publish, unpublish, lock pages, post alert banners
and change site settings. Administrators are superusers.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    "Editors": [
        ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document"),
        ("wagtailimages", "add_image"), ("wagtailimages", "change_image"), ("wagtailimages", "choose_image"),
    ],
    "Moderators": [
        ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"), ("wagtaildocs", "delete_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtailimages", "add_image"), ("wagtailimages", "change_image"), ("wagtailimages", "delete_image"),
        ("wagtailimages", "choose_image"),
    ],
}
MODEL_PERMISSIONS = {
    "Editors": [("wagtailadmin", "access_admin")],
    "Moderators": [
        ("wagtailadmin", "access_admin"),
        ("home", "add_alertbanner"), ("home", "change_alertbanner"), ("home", "delete_alertbanner"),
        ("home", "change_sitesettings"),
        ("wagtailsearchpromotions", "add_searchpromotion"), ("wagtailsearchpromotions", "change_searchpromotion"),
        ("wagtailsearchpromotions", "delete_searchpromotion"),
        ("wagtailredirects", "add_redirect"), ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
    ],
}


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    for name in ("Editors", "Moderators"):
        group, _ = Group.objects.get_or_create(name=name)
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission("wagtailcore", codename)
            )
        for app_label, codename in COLLECTION_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(app_label, codename)
            )
        group.permissions.add(*[permission(app_label, codename) for app_label, codename in MODEL_PERMISSIONS[name]])

    # Wagtail's own initial migrations let Editors delete documents and images; a deleted
    # review report cannot be recovered, so only Moderators may.
    editors = Group.objects.get(name="Editors")
    for app_label, codename in (("wagtaildocs", "delete_document"), ("wagtailimages", "delete_image")):
        editors.permissions.remove(permission(app_label, codename))
        GroupCollectionPermission.objects.filter(group=editors, permission=permission(app_label, codename)).delete()


def remove_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=["Editors", "Moderators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]

"""Placeholders wagtail-localize made before translations became drafts (aliases of a page
in another language: its English text under /cy/) were live without a moderator
publishing them. They are unpublished here, as ``BasePage.save`` now keeps them; a
moderator publishes the real translation when it is ready. Not reversible by design."""

from django.db import migrations
from django.db.models import F


def unpublish_placeholders(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    placeholders = Page.objects.filter(live=True, alias_of__isnull=False).exclude(alias_of__locale=F("locale"))
    placeholders.update(live=False, has_unpublished_changes=True)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_remove_review_settings"),
    ]

    operations = [migrations.RunPython(unpublish_placeholders, migrations.RunPython.noop)]

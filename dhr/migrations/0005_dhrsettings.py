"""The DHR settings (publication period, request-a-copy inbox) move out of the site
settings into their own model: each site's values are copied here before the home
migration removes the old fields, and copied back if this is reversed."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


FIELDS = ("review_publication_months", "request_copy_inbox")


def copy_values(source, target):
    for row in source.objects.values("site_id", *FIELDS):
        target.objects.update_or_create(site_id=row.pop("site_id"), defaults=row)


def from_site_settings(apps, schema_editor):
    copy_values(apps.get_model("home", "SiteSettings"), apps.get_model("dhr", "DHRSettings"))


def to_site_settings(apps, schema_editor):
    copy_values(apps.get_model("dhr", "DHRSettings"), apps.get_model("home", "SiteSettings"))


class Migration(migrations.Migration):

    dependencies = [
        ('dhr', '0004_translatable_form_fields_step3'),
        ('home', '0006_translatable_banners_partners_step3'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]
    # The copy needs the old fields, so it runs before the home migration drops them.
    run_before = [
        ('home', '0007_remove_review_settings'),
    ]

    operations = [
        migrations.CreateModel(
            name='DHRSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('review_publication_months', models.PositiveSmallIntegerField(default=12, help_text='How long a completed review stays online after it is published, unless a review sets its own date. After that it is available on request.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(120)], verbose_name='review publication period (months)')),
                ('request_copy_inbox', models.EmailField(blank=True, help_text='Where requests for copies of reviews are sent. Requests are stored on the site first.', max_length=254, verbose_name='request-a-copy inbox')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'domestic homicide review settings',
            },
        ),
        migrations.RunPython(from_site_settings, to_site_settings),
    ]

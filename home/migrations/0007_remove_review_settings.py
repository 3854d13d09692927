"""The review publication period and request-a-copy inbox leave the site settings. The
section that uses them keeps them in its own settings; its migration copies each site's
values there first (it runs before this one)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0006_translatable_banners_partners_step3'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='sitesettings',
            name='request_copy_inbox',
        ),
        migrations.RemoveField(
            model_name='sitesettings',
            name='review_publication_months',
        ),
    ]

# Gives existing alert banners and partners a locale and translation key (Wagtail's
# documented three-step way to make an existing model translatable).
from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("home", "0004_translatable_banners_partners_step1")]

    operations = [
        BootstrapTranslatableModel("home.AlertBanner"),
        BootstrapTranslatableModel("home.HomePagePartner"),
    ]

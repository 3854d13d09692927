# Gives existing request-form fields a locale and translation key (Wagtail's documented
# three-step way to make an existing model translatable).
from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("dhr", "0002_translatable_form_fields_step1")]

    operations = [BootstrapTranslatableModel("dhr.RequestCopyFormField")]

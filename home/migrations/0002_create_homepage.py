"""Replace Wagtail's welcome page with the partnership's home page."""

import datetime

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")

    page_content_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_content_type, slug="home", depth=2).delete()

    homepage_content_type, __ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    today = datetime.date.today()
    homepage = HomePage.objects.create(
        title="Community Safety Partnership",
        draft_title="Community Safety Partnership",
        slug="home",
        content_type=homepage_content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.order_by("pk").first(),
        summary="How the local partners work together to reduce crime and keep people safe.",
        intro="<p>The partners working together to make the area safer.</p>",
        about_csp="<p>Community safety partnerships were set up by the Crime and Disorder Act 1998.</p>",
        last_reviewed=today,
        next_review_due=today + datetime.timedelta(days=365),
    )
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True)


def remove_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage = apps.get_model("home.HomePage")
    HomePage.objects.filter(slug="home", depth=2).delete()
    ContentType.objects.filter(model="homepage", app_label="home").delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]

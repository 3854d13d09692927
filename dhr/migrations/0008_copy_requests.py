"""Copy requests get a model of their own, with a status, and a group of their own.

Requests stored as Wagtail form submissions move to ``CopyRequest`` (status "new"), keeping
when they were received. The "Copy request handlers" group may see, update and delete
them; an administrator adds people to it (nobody is added here, Moderators included).
"""

import django.core.serializers.json
from django.contrib.auth.management import create_permissions
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


GROUP = "Copy request handlers"
GROUP_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("dhr", "view_copyrequest"),
    ("dhr", "change_copyrequest"),
    ("dhr", "delete_copyrequest"),
    ("dhr", "view_copyrequestcount"),
]


def copy_form_pages(apps):
    return apps.get_model("dhr", "RequestCopyFormPage").objects.values("pk")


def move_submissions(apps, schema_editor):
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    CopyRequest = apps.get_model("dhr", "CopyRequest")
    old = FormSubmission.objects.filter(page_id__in=copy_form_pages(apps)).order_by("pk")
    for submission in old:
        moved = CopyRequest.objects.create(form_data=submission.form_data, page_id=submission.page_id)
        CopyRequest.objects.filter(pk=moved.pk).update(submit_time=submission.submit_time)
    old.delete()


def move_back(apps, schema_editor):
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    CopyRequest = apps.get_model("dhr", "CopyRequest")
    for copy_request in CopyRequest.objects.order_by("pk"):
        moved = FormSubmission.objects.create(form_data=copy_request.form_data, page_id=copy_request.page_id)
        FormSubmission.objects.filter(pk=moved.pk).update(submit_time=copy_request.submit_time)
    CopyRequest.objects.all().delete()


def create_group(apps, schema_editor):
    # Django creates permissions after all migrations have run; these are needed now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in GROUP_PERMISSIONS
        ]
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('dhr', '0007_come_down_whoever_unpublished'),
        ('wagtailforms', '0005_alter_formsubmission_form_data'),
        ('wagtailadmin', '0006_formstate'),
        ('home', '0003_editor_groups'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CopyRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('form_data', models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder)),
                ('submit_time', models.DateTimeField(auto_now_add=True, verbose_name='submit time')),
                ('status', models.CharField(choices=[('new', 'New'), ('sent', 'Copy sent'), ('refused', 'Refused'), ('withdrawn', 'Withdrawn by the requester')], default='new', help_text="Choose 'Copy sent' once you have sent the copy, 'Refused' if you told the requester they cannot have one, or 'Withdrawn by the requester' if they no longer want it.", max_length=16, verbose_name='status')),
                ('handled_at', models.DateTimeField(blank=True, null=True, verbose_name='handled at')),
                ('note', models.TextField(blank=True, help_text="Only copy request handlers see this. Say what you sent or why you refused; do not copy the requester's details here. It is deleted with the request.", verbose_name='private note')),
                ('submission_token', models.CharField(blank=True, editable=False, max_length=64, null=True, unique=True)),
                ('handled_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='handled by')),
                ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.page')),
            ],
            options={
                'verbose_name': 'copy request',
                'verbose_name_plural': 'copy requests',
            },
        ),
        migrations.CreateModel(
            name='CopyRequestCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('deleted_on', models.DateField(verbose_name='requests deleted on')),
                ('requests', models.PositiveIntegerField(verbose_name='requests')),
                ('review', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='dhr.reviewpage', verbose_name='review')),
            ],
            options={
                'verbose_name': 'copy request count',
            },
        ),
        migrations.RunPython(move_submissions, move_back),
        migrations.RunPython(create_group, remove_group),
    ]

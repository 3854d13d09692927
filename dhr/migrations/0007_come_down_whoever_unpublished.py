"""Reviews a moderator unpublished on or after their come-down date, before this rule
existed, were left as not expired (so they answered 404 and left "available on request").
A review unpublished after its come-down date has come down, whoever unpublished it
(dhr.visibility): mark those expired, judged by when the log says they were unpublished.
Reviews unpublished before their date stay withdrawn."""

from django.db import migrations


def mark_come_down(apps, schema_editor):
    ReviewPage = apps.get_model("dhr", "ReviewPage")
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    candidates = ReviewPage.objects.filter(
        live=False, expired=False, first_published_at__isnull=False, expire_at__isnull=False
    )
    for review in candidates.only("pk", "expire_at"):
        unpublished = (
            PageLogEntry.objects.filter(page_id=review.pk, action="wagtail.unpublish")
            .order_by("-timestamp")
            .values_list("timestamp", flat=True)
            .first()
        )
        if unpublished is not None and unpublished >= review.expire_at:
            ReviewPage.objects.filter(pk=review.pk).update(expired=True)


class Migration(migrations.Migration):
    dependencies = [
        ("dhr", "0006_moderators_change_dhrsettings"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(mark_come_down, migrations.RunPython.noop)]

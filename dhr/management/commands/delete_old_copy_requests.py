"""Delete stored requests for copies of reviews once they are older than the privacy
notice says they are kept (90 days unless told otherwise). Run it daily from cron or a
systemd timer, next to ``publish_scheduled``."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from dhr.models import RequestCopyFormPage

DEFAULT_DAYS = 90


class Command(BaseCommand):
    help = "Delete requests for copies of reviews older than --days days (default 90)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_DAYS,
            help="Delete requests received more than this many days ago (default %(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would be deleted, and delete nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        old = FormSubmission.objects.filter(
            page_id__in=RequestCopyFormPage.objects.values("pk"), submit_time__lt=cutoff
        )
        if dry_run:
            self.stdout.write(f"{old.count()} request(s) older than {days} days would be deleted.")
            return
        deleted, _details = old.delete()
        self.stdout.write(f"Deleted {deleted} request(s) older than {days} days.")

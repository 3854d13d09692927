"""Delete stored requests for copies of reviews once they are older than the privacy
notice says they are kept (90 days unless told otherwise). Run it daily from cron or a
systemd timer, next to ``publish_scheduled``.

What is kept is a count per review (``CopyRequestCount``): how many requests named that
review by its title, with nothing about who asked, why, or when any one request came."""

import datetime
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from dhr.models import CopyRequest, CopyRequestCount, ReviewPage
from dhr.models.request_copy import REVIEW_FIELD

DEFAULT_DAYS = 90


def review_named(text, reviews_by_title):
    return reviews_by_title.get(" ".join(str(text or "").split()).casefold())


class Command(BaseCommand):
    help = "Delete requests for copies of reviews older than --days days (default 90), keeping a count per review."

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
        old = CopyRequest.objects.filter(submit_time__lt=cutoff)
        if dry_run:
            self.stdout.write(f"{old.count()} request(s) older than {days} days would be deleted.")
            return
        reviews_by_title = {
            " ".join(title.split()).casefold(): pk
            for pk, title in ReviewPage.objects.values_list("pk", "title")
        }
        with transaction.atomic():
            old = old.select_for_update()
            counts = Counter(
                review_named(data.get(REVIEW_FIELD), reviews_by_title)
                for data in old.values_list("form_data", flat=True)
            )
            today = timezone.localdate()
            CopyRequestCount.objects.bulk_create(
                CopyRequestCount(review_id=review_id, deleted_on=today, requests=count)
                for review_id, count in counts.items()
            )
            deleted = old.delete()[1].get(CopyRequest._meta.label, 0)
        self.stdout.write(
            f"Deleted {deleted} request(s) older than {days} days. "
            f"Kept an anonymous count for {len(counts)} review(s)."
        )

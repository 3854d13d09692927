import os

from django.conf import settings
from django.core.management.base import BaseCommand

from ops.backup import backup


class Command(BaseCommand):
    help = "Back up the PostgreSQL database and MEDIA_ROOT into a new dated folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=os.environ.get("BACKUP_DIR") or str(settings.BASE_DIR / "backups"),
            help="Folder to write the backup into (default: $BACKUP_DIR or ./backups).",
        )

    def handle(self, *args, **options):
        target = backup(options["output_dir"])
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))
        # The path alone on the last line, for scripts.
        self.stdout.write(str(target))

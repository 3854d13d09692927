from django.core.management.base import BaseCommand, CommandError

from ops.backup import restore


class Command(BaseCommand):
    help = (
        "Replace the database and MEDIA_ROOT with a backup made by backup_site. "
        "Everything currently in them is lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup_dir", help="A folder made by backup_site.")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="Do not ask to confirm."
        )

    def handle(self, *args, **options):
        if options["interactive"]:
            answer = input(
                "This replaces the whole database and every uploaded file with the backup. "
                "Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        expected, found = restore(options["backup_dir"])
        for name, count in sorted(found.items()):
            self.stdout.write(f"{name}: {count} (backup recorded {expected.get(name, 'unknown')})")
        if expected and expected != found:
            raise CommandError("The restored counts differ from the ones recorded in the backup.")
        self.stdout.write(self.style.SUCCESS("Restore complete."))

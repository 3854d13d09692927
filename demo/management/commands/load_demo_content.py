"""Build the demo site: the full page tree, settings and a local editor account.

Safe to run again: pages are updated in place. The words are in ``demo/content/``;
``demo.pages`` loads them inside one transaction, then, for Wales, ``demo.welsh``
translates the pages marked ``welsh = true``.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import pages, welsh
from i18n.nation import Nation

DEMO_EDITOR = {"username": "editor", "password": "local-demo-only", "email": "editor@millbrook.example"}


class Command(BaseCommand):
    help = "Load or refresh the demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--nation",
            choices=[choice.value for choice in Nation],
            default=Nation.ENGLAND.value,
            help="england (the default): English only. wales: also the home page, the DHR "
            "guidance and the request form in Welsh, awaiting a translator's check.",
        )

    def handle(self, *args, **options):
        nation = Nation(options["nation"])
        with transaction.atomic():
            home = pages.load(nation)
        if nation == Nation.WALES:
            # After the English content has committed: see demo.welsh.load.
            try:
                welsh.load(pages.welsh_pages(home))
            except welsh.MissingWelshText as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded ({nation.label})."))
        if settings.DEMO_EDITOR_ENABLED:
            self._ensure_editor()

    def _ensure_editor(self):
        User = get_user_model()
        user, _ = User.objects.get_or_create(
            username=DEMO_EDITOR["username"], defaults={"email": DEMO_EDITOR["email"]}
        )
        user.is_staff = True
        user.is_superuser = True
        user.set_password(DEMO_EDITOR["password"])
        user.save()
        self.stdout.write(
            f"Local editor account: {DEMO_EDITOR['username']} / {DEMO_EDITOR['password']} (dev settings only)"
        )

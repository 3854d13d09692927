"""Build the demo site: the full page tree, settings and local accounts, one per role.

Safe to run again: pages are updated in place. The words are in ``demo/content/``;
``demo.pages`` loads them inside one transaction, then, for Wales, ``demo.welsh``
translates the pages marked ``welsh = true``.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import pages, themes, welsh
from i18n.nation import Nation

DEMO_PASSWORD = "local-demo-only"  # noqa: S105 - created under development settings only
# (username, group or None for an administrator, what the account shows)
DEMO_ACCOUNTS = [
    ("editor", None, "administrator: everything"),
    ("demo-editor", "Editors", "Editors: write pages and submit them for moderation"),
    ("demo-moderator", "Moderators", "Moderators: approve, publish and unpublish"),
    (
        "demo-copy-handler",
        "Copy request handlers",
        "Copy request handlers: requests for copies, nothing else",
    ),
]


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
            with transaction.atomic():
                themes.load_welsh()
            try:
                welsh.load(pages.welsh_pages(home))
            except welsh.MissingWelshText as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded ({nation.label})."))
        if settings.DEMO_EDITOR_ENABLED:
            self._ensure_accounts()

    def _ensure_accounts(self):
        """One account per role, so each can be tried (dev settings only)."""
        User = get_user_model()
        for username, group_name, role in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@millbrook.example"}
            )
            user.is_superuser = user.is_staff = group_name is None
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([Group.objects.get(name=group_name)] if group_name else [])
            self.stdout.write(f"Local account ({role}): {username} / {DEMO_PASSWORD} (dev settings only)")

"""Build the demo site: the full page tree, settings and a local editor account.

Safe to run again: pages are updated in place. Each app that has demo content provides
``<app>.demo.load(home)``; this command runs them in order inside one transaction.
"""

import importlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home import demo as home_demo
from home import demo_welsh
from i18n.nation import Nation

SECTION_APPS = ["dhr", "duties"]
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
            home = home_demo.load(nation=nation)
            for app in SECTION_APPS:
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                module.load(home)
            home_demo.set_featured_sections(home)
        if nation == Nation.WALES:
            # After the English content has committed: see demo_welsh.load.
            try:
                demo_welsh.load(demo_welsh_pages(home))
            except demo_welsh.MissingWelshText as exc:
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


def demo_welsh_pages(home):
    """The pages the Welsh demo translates, parents first: the home page, the DHR section
    page with its guidance, and the request-a-copy form."""
    from dhr.models import DHRIndexPage, RequestCopyFormPage

    index = DHRIndexPage.objects.child_of(home).get()
    form = RequestCopyFormPage.objects.child_of(index).get()
    return [home, index, form]

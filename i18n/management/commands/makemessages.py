"""Django's makemessages, limited to the site's own code.

``manage.py makemessages -l cy`` (or ``make messages-update``) looks only at the apps'
Python and templates: not at installed packages, built or collected static files,
uploads, backups, tests, benchmarks or docs. Locations are given by file only, so
moving a line does not change the catalogue, and strings no longer in the code are
dropped rather than kept as obsolete entries. tests/test_welsh_catalogue.py runs the
same extraction to check that every string has a Welsh translation.
"""

from django.core.management.commands import makemessages

IGNORE_PATTERNS = [
    "node_modules",
    "cspsite/static",
    "cspsite/static_src",
    "staticfiles",
    "media",
    "backups",
    "locale",
    "tests",
    "bench",
    "scripts",
    "docs",
    "deploy",
    "htmlcov",
    "test-artifacts",
    # Copies of Wagtail's admin templates, changed in one place each: their strings are
    # Wagtail's own, translated by Wagtail's catalogue (the site's strings there also
    # appear in its Python code).
    "core/templates/wagtailadmin",
]


class Command(makemessages.Command):
    help = makemessages.Command.help + " Ignores everything but the site's own apps (i18n/management)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(add_location="file", no_obsolete=True)

    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options["ignore_patterns"], *IGNORE_PATTERNS]
        return super().handle(*args, **options)

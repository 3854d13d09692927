"""Compile the site's translation catalogues (.po) into the .mo files Django reads.

Django's own ``compilemessages`` needs GNU gettext's ``msgfmt``; this uses polib, a
Python package, so ``make run`` and ``make release`` work on a machine without gettext.
Only the catalogues in LOCALE_PATHS are compiled (the installed packages ship their own
.mo files). Untranslated and fuzzy entries are left out of the .mo, as msgfmt does, so
readers see the English text rather than an empty or doubtful one.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogues():
    for locale_path in settings.LOCALE_PATHS:
        yield from sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po"))


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po in LOCALE_PATHS to .mo, without GNU gettext."

    def handle(self, *args, **options):
        found = False
        for po_path in catalogues():
            found = True
            try:
                catalogue = polib.pofile(str(po_path))
            except (OSError, ValueError) as exc:
                raise CommandError(f"{po_path} could not be read: {exc}") from exc
            mo_path = po_path.with_suffix(".mo")
            catalogue.save_as_mofile(str(mo_path))
            left_out = len(catalogue.untranslated_entries()) + len(catalogue.fuzzy_entries())
            message = f"{po_path}: {len(catalogue.translated_entries())} messages compiled to {mo_path.name}"
            if left_out:
                message += f", {left_out} untranslated or fuzzy left out"
            self.stdout.write(message)
        if not found:
            self.stdout.write("No translation catalogues found in LOCALE_PATHS.")

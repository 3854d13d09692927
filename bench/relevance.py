"""How well search puts the right page first, on the demo content.

Loads the demo (England, then Wales for the Welsh queries) into a throwaway test
database, runs every judged query in tests/search/relevance.toml through the Django test
client and prints the mean reciprocal rank, how many have the right page first and each
miss. SQLite unless DATABASE_URL names another database (PostgreSQL: the test database
is created beside it, as the test runner does, and dropped afterwards).

    .venv/bin/python bench/relevance.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cspsite .venv/bin/python bench/relevance.py

A script to run, not a module anything imports.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspsite.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from i18n.languages import forget_locales
    from tests.search import relevance

    setup_test_environment()  # responses carry their template context
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        outcomes = []
        for nation in ("england", "wales"):
            call_command("load_demo_content", nation=nation, verbosity=0)
            forget_locales()  # Welsh is offered now: look the locales up again
            outcomes += relevance.run(Client(), relevance.judged_queries(nation))
        print(f"Search relevance on {connection.vendor}")
        for line in relevance.report(outcomes):
            print(f"  {line}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()

"""The search backend for the whole site (``WAGTAILSEARCH_BACKENDS``): Wagtail's database
backend, reading and writing the same index, with the public search's queries tuned.

- ``postgres``: production. Matches through a GIN index and ranks only titles and
  summaries, so a search stays fast at 10,000 pages (docs/performance.md).
- ``sqlite``: development and tests. Title, summary and body weighted 10, 5 and 1.
- ``internals``: every use of modelsearch's private API, checked against the installed
  version by tests/search/test_backend_contract.py.

Both add ``count_by_prefix`` (the matches per section, in one grouped query) to their
results. Any other database gets modelsearch's own backend unchanged.
"""

from django.db import connection
from django.db.models import Count
from django.db.models.functions import Substr
from wagtail.search.backends.database import SearchBackend as stock_backend


class CountByPrefix:
    """For search results: how many matches share each leading part of a field."""

    def matching_pages(self):
        """The matching pages as a queryset."""
        return self.stock_matches()

    def count_by_prefix(self, field_name, length):
        queryset = self.matching_pages().order_by()
        rows = queryset.values(prefix=Substr(field_name, 1, length)).annotate(count=Count("pk"))
        return {row["prefix"]: row["count"] for row in rows}


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """The site's backend for the database in use, as Wagtail's own chooses its one."""
    if connection.vendor == "postgresql":
        from .postgres import SitePostgresSearchBackend

        return SitePostgresSearchBackend(params)
    stock = stock_backend(params)
    if connection.vendor == "sqlite":
        from .sqlite import SiteSQLiteSearchBackend, SQLiteSearchBackend

        if isinstance(stock, SQLiteSearchBackend):  # not when SQLite lacks FTS5
            return SiteSQLiteSearchBackend(params)
    return stock

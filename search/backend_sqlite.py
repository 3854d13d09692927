"""The SQLite (FTS5) side of ``search.backend``: Wagtail's backend plus ``count_by_prefix``."""

from wagtail.search.backends.database.sqlite.sqlite import SQLiteSearchBackend, SQLiteSearchResults

from .backend import CountByPrefix


class SiteSQLiteSearchResults(CountByPrefix, SQLiteSearchResults):
    def _matching_pages(self):
        return self.query_compiler.search(self.query_compiler.get_config(self.backend), None, None)


class SiteSQLiteSearchBackend(SQLiteSearchBackend):
    results_class = SiteSQLiteSearchResults


__all__ = ["SQLiteSearchBackend", "SiteSQLiteSearchBackend"]

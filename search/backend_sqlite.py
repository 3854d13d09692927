"""The SQLite (FTS5) side of ``search.backend``: Wagtail's backend plus ``count_by_prefix``
and column weights, so that titles rank first, then summaries, then body text.

Wagtail's SQLite backend matches the title and body columns and ranks with an unweighted
``bm25()``; here the match also covers the autocomplete column (title and summary) and
``bm25()`` weighs title 10, autocomplete 5 and body 1. The set of pages found is the same.
"""

from django.db.models import FloatField, Func
from wagtail.search.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)

from .backend import CountByPrefix

# In the order of the FTS5 table's columns: autocomplete, body, title.
COLUMN_WEIGHTS = (5.0, 1.0, 10.0)


class WeightedBM25(Func):
    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class SiteSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    FTS_TABLE_FIELDS = ["autocomplete", "body", "title"]

    def _build_rank_expression(self, vectors, config):
        return WeightedBM25()


class SiteSQLiteSearchResults(CountByPrefix, SQLiteSearchResults):
    def _matching_pages(self):
        return self.query_compiler.search(self.query_compiler.get_config(self.backend), None, None)


class SiteSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = SiteSQLiteSearchQueryCompiler
    results_class = SiteSQLiteSearchResults


__all__ = ["SQLiteSearchBackend", "SiteSQLiteSearchBackend"]

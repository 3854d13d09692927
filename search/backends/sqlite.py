"""The site's search backend on SQLite (FTS5; development and tests): modelsearch's, with
column weights, so that titles rank first, then summaries, then body text.

modelsearch's SQLite backend matches the title and body columns and ranks with an
unweighted ``bm25()``; here the match also covers the autocomplete column (title and
summary) and ``bm25()`` weighs title 10, autocomplete 5 and body 1; superseded pages
come last and landing pages are lifted (``search.ranking``). The set of pages found is
the same. Importable only on SQLite.
"""

from django.db.models import F, FloatField, Func

from ..ranking import ranked_order
from . import CountByPrefix
from .internals import sqlite_classes

SQLiteSearchBackend, SQLiteCompiler, SQLiteResults, FTS_TABLE = sqlite_classes()

# In the order of the FTS5 table's columns: autocomplete, body, title.
COLUMN_WEIGHTS = (5.0, 1.0, 10.0)


class WeightedBM25(Func):
    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
        return f"bm25({FTS_TABLE}, {weights})", []


class SiteSQLiteSearchQueryCompiler(SQLiteCompiler):
    def rank_expression(self):
        return WeightedBM25()

    def order_ranked(self, queryset, score_field):
        # bm25() is lower for a better match: its negation is a rank.
        return queryset.order_by(*ranked_order(-F(score_field)))


class SiteSQLiteSearchResults(CountByPrefix, SQLiteResults):
    pass


class SiteSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = SiteSQLiteSearchQueryCompiler
    results_class = SiteSQLiteSearchResults


__all__ = ["SQLiteSearchBackend", "SiteSQLiteSearchBackend"]

"""The search backend behind the public search page.

It is Wagtail's database backend, reading the same index that Wagtail keeps up to date on
publish and that ``update_index`` rebuilds, with one addition on both databases:
``count_by_prefix``, the matches per section in one grouped query.

On SQLite it is otherwise unchanged (FTS5 is indexed already). On PostgreSQL the stock
query reads every matching page's whole body vector twice, once to test
``(title || body) @@ query`` and once to rank it: several hundred milliseconds for a
common word at 10,000 pages. Here instead:

- the match uses a GIN index on ``title || body`` (migration ``0001``), so matching
  reads no vectors at all;
- the rank uses only the small vectors: the title (weighted highest, scaled by
  Wagtail's title-length norm) and the autocomplete vector, which holds the title and
  summary. Pages that match only in the body or a document follow, most recently
  created first. So title > summary > body, and the body vector is never read;
- the query is built once per search rather than once per row;
- its queries are planned with the indexes. PostgreSQL cannot tell that testing a match
  outside the index means decompressing every page's body vector, so for a word found on
  most pages it would scan the whole table, ten times slower at 10,000 pages.
"""

from contextlib import contextmanager

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchRank
from django.db import connection, transaction
from django.db.models import Count, F, Func
from django.db.models.functions import Substr
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from wagtail.search.backends.database.postgres.query import Lexeme
from wagtail.search.models import IndexEntry
from wagtail.search.query import PlainText

AUTOCOMPLETE_CONFIG = "simple"  # as PostgresSearchBackend indexes the autocomplete vector


PLANNER_SETTINGS_SQL = (
    "SELECT set_config('enable_seqscan', %s, true), set_config('max_parallel_workers_per_gather', %s, true)"
)


@contextmanager
def index_plans():
    """Plan the queries inside with indexes and without parallel workers, in this
    transaction only: the settings end with it, and are put back on leaving a block
    nested in a longer transaction. Blocks inside a block cost nothing."""
    if getattr(connection, "_search_index_plans", False):
        yield
        return
    nested = connection.in_atomic_block
    with transaction.atomic():
        with connection.cursor() as cursor:
            if nested:
                cursor.execute(
                    "SELECT current_setting('enable_seqscan'), current_setting('max_parallel_workers_per_gather')"
                )
                previous = cursor.fetchone()
            cursor.execute(PLANNER_SETTINGS_SQL, ["off", "0"])
        connection._search_index_plans = True
        try:
            yield
        finally:
            connection._search_index_plans = False
        if nested:
            with connection.cursor() as cursor:
                cursor.execute(PLANNER_SETTINGS_SQL, previous)


class Once(Func):
    """Evaluate a constant expression once per query (a PostgreSQL InitPlan), not per row."""

    template = "(SELECT %(expressions)s)"
    output_field = SearchQueryField()


class SitePostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def _summary_query(self):
        """Every word as a prefix, in the unstemmed configuration of the autocomplete vector."""
        lexemes = None
        for term in self.query.query_string.split():
            lexeme = Lexeme(term, prefix=True)
            if lexemes is None:
                lexemes = lexeme
            elif self.query.operator == "and":
                lexemes &= lexeme
            else:
                lexemes |= lexeme
        return SearchQuery(lexemes, search_type="raw", config=AUTOCOMPLETE_CONFIG)

    def search(self, config, start, stop, score_field=None, backend=None):
        plain_words = isinstance(self.query, PlainText) and self.query.query_string.split()
        if self.fields is not None or not plain_words:
            return super().search(config, start, stop, score_field=score_field, backend=backend)

        search_query = self.build_tsquery(self.query, config=config)
        # A subquery with the match as its only condition, so the GIN index is its only plan.
        matches = (
            IndexEntry._default_manager.alias(_vector_=F("title")._combine(F("body"), "||", False))
            .filter(_vector_=search_query)
            .values("pk")
        )
        queryset = self.queryset.filter(index_entries__pk__in=matches)
        title_rank = SearchRank(F("index_entries__title"), Once(search_query), weights=self.sql_weights)
        summary_rank = SearchRank(F("index_entries__autocomplete"), Once(self._summary_query()))
        rank = title_rank * F("index_entries__title_norm") + summary_rank
        return self._apply_ordering_and_scoring(queryset, rank, start, stop, score_field)


class CountByPrefix:
    """For search results: how many matches share each leading part of a field."""

    def _matching_pages(self):
        """The matching pages as a queryset, built as ``facet()`` builds it."""
        raise NotImplementedError

    def count_by_prefix(self, field_name, length):
        queryset = self._matching_pages().order_by()
        rows = queryset.values(prefix=Substr(field_name, 1, length)).annotate(count=Count("pk"))
        return {row["prefix"]: row["count"] for row in rows}


class SitePostgresSearchResults(CountByPrefix, PostgresSearchResults):
    def _matching_pages(self):
        compiler = self.query_compiler
        return compiler.search(compiler.get_config(self.backend), None, None, backend=self.backend)

    def _do_search(self):
        with index_plans():
            return super()._do_search()

    def _do_count(self):
        with index_plans():
            return super()._do_count()

    def facet(self, field_name):
        with index_plans():
            return super().facet(field_name)

    def count_by_prefix(self, field_name, length):
        with index_plans():
            return super().count_by_prefix(field_name, length)


class SitePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = SitePostgresSearchQueryCompiler
    results_class = SitePostgresSearchResults

    @staticmethod
    def planned():
        """One ``index_plans`` block around several searches."""
        return index_plans()


def site_search_backend():
    """The backend for public searches: the ``default`` one, with the additions above."""
    default = get_search_backend("default")
    params = dict(settings.WAGTAILSEARCH_BACKENDS["default"])
    params.pop("BACKEND", None)
    if isinstance(default, PostgresSearchBackend):
        return SitePostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        # Only importable on SQLite: the module looks up SQLite's full-text table model.
        from .backend_sqlite import SiteSQLiteSearchBackend, SQLiteSearchBackend

        if isinstance(default, SQLiteSearchBackend):
            return SiteSQLiteSearchBackend(params)
    return default

"""The search backend behind the public search page.

It is Wagtail's database backend, reading the same index that Wagtail keeps up to date on
publish and that ``update_index`` rebuilds, with one addition on both databases:
``count_by_prefix``, the matches per section in one grouped query. The SQLite side, with
column weights, is in ``backend_sqlite``.

On PostgreSQL the stock query reads every matching page's whole body vector twice, once
to test ``(title || body) @@ query`` and once to rank it: several hundred milliseconds
for a common word at 10,000 pages. Here instead:

- the match uses a GIN index on ``title || body`` (migration ``0001``), so matching
  reads no vectors at all;
- the rank uses only the small vectors: the title (weighted highest, scaled by
  Wagtail's title-length norm) and the autocomplete vector, which holds the title and
  summary. So title > summary > body, and the body vector is never read;
- only pages whose title or summary matches are sorted by rank; pages that match in the
  body or a document follow, most recently created first, read in page order and no
  further than the page of results shown (``tiers``);
- the query is built once per search rather than once per row;
- its queries are planned with the indexes. PostgreSQL cannot tell that testing a match
  outside the index means decompressing every page's body vector, so for a word found on
  most pages it would scan the whole table, ten times slower at 10,000 pages.
"""

from contextlib import contextmanager

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchRank
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, F, Func, IntegerField, Q
from django.db.models.functions import Cast, Substr
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from wagtail.search.backends.database.postgres.query import Lexeme
from wagtail.search.models import IndexEntry
from wagtail.search.query import PlainText
from wagtail.search.utils import get_descendants_content_types_pks

AUTOCOMPLETE_CONFIG = "simple"  # as PostgresSearchBackend indexes the autocomplete vector


PLANNER_SETTINGS_SQL = (
    "SELECT set_config('enable_seqscan', %s, true), set_config('max_parallel_workers_per_gather', %s, true)"
)
# The same, returning the values it replaces: the subquery (kept apart by OFFSET 0) reads
# them before set_config changes them.
SWAP_PLANNER_SETTINGS_SQL = (
    "SELECT previous.seqscan, previous.workers, "
    "set_config('enable_seqscan', %s, true), set_config('max_parallel_workers_per_gather', %s, true) "
    "FROM (SELECT current_setting('enable_seqscan') AS seqscan, "
    "current_setting('max_parallel_workers_per_gather') AS workers OFFSET 0) AS previous"
)


@contextmanager
def _planning_with_indexes():
    connection._search_index_plans = True
    try:
        yield
    finally:
        connection._search_index_plans = False


@contextmanager
def index_plans():
    """Plan the queries inside with indexes and without parallel workers, in this
    transaction only: the settings end with it, and are put back on leaving a block
    nested in a longer transaction. Blocks inside a block cost nothing.

    Outside a transaction this costs one statement (in a transaction of its own); inside
    one, two: swapping the settings in and putting them back."""
    if getattr(connection, "_search_index_plans", False):
        yield
        return
    if not connection.in_atomic_block:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(PLANNER_SETTINGS_SQL, ["off", "0"])
            with _planning_with_indexes():
                yield
        return
    with connection.cursor() as cursor:
        cursor.execute(SWAP_PLANNER_SETTINGS_SQL, ["off", "0"])
        previous = cursor.fetchone()[:2]
    try:
        with _planning_with_indexes():
            yield
    except DatabaseError:
        # The transaction can only be rolled back now, and the settings with it.
        raise
    except BaseException:
        _put_back(previous)  # such as EmptyPage: a page of results past the last
        raise
    _put_back(previous)


def _put_back(previous):
    with connection.cursor() as cursor:
        cursor.execute(PLANNER_SETTINGS_SQL, previous)


class Once(Func):
    """Evaluate a constant expression once per query (a PostgreSQL InitPlan), not per row."""

    template = "(SELECT %(expressions)s)"
    output_field = SearchQueryField()


class SitePostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def _summary_query(self):
        """The words as typed, for the unstemmed autocomplete vector (title and summary).

        Whole words only, so that a page matching here always matches the stemmed query
        against title and body too (the summary is in the body)."""
        lexemes = None
        for term in self.query.query_string.split():
            lexeme = Lexeme(term)
            if lexemes is None:
                lexemes = lexeme
            elif self.query.operator == "and":
                lexemes &= lexeme
            else:
                lexemes |= lexeme
        return SearchQuery(lexemes, search_type="raw", config=AUTOCOMPLETE_CONFIG)

    def is_tuned(self):
        plain_words = isinstance(self.query, PlainText) and self.query.query_string.split()
        return self.fields is None and bool(plain_words)

    def _page_ids(self, entries):
        """Ids of the indexed pages among ``entries``: a subquery on Wagtail's index table
        alone, so that it is answered from its GIN indexes."""
        entries = entries.filter(content_type_id__in=get_descendants_content_types_pks(self.queryset.model))
        return entries.values(page_id=Cast("object_id", IntegerField()))

    def _matches(self, config):
        """The queryset's pages that match the words anywhere in title, body or documents."""
        entries = IndexEntry._default_manager.alias(_vector_=F("title")._combine(F("body"), "||", False))
        matching = self._page_ids(entries.filter(_vector_=self.build_tsquery(self.query, config=config)))
        return self.queryset.filter(pk__in=matching)

    def _rank(self, config):
        search_query = Once(self.build_tsquery(self.query, config=config))
        title_rank = SearchRank(F("index_entries__title"), search_query, weights=self.sql_weights)
        summary_rank = SearchRank(F("index_entries__autocomplete"), Once(self._summary_query()))
        return title_rank * F("index_entries__title_norm") + summary_rank

    def search(self, config, start, stop, score_field=None, backend=None):
        if not self.is_tuned():
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        return self._apply_ordering_and_scoring(
            self._matches(config), self._rank(config), start, stop, score_field
        )

    def tiers(self, config):
        """The matches in two ordered querysets: pages whose title or summary matches, by
        rank; then the rest (body or documents only), newest first. Together they are in
        the order ``search()`` gives, but the second needs no sorting, so paging through a
        word found on most pages reads only the rows it shows."""
        title_or_summary = Q(title=self.build_tsquery(self.query, config=config)) | Q(
            autocomplete=self._summary_query()
        )
        # Every page found here matches (see _summary_query).
        on_top = self._page_ids(IndexEntry._default_manager.filter(title_or_summary))
        ranked = self.queryset.filter(pk__in=on_top).order_by(self._rank(config).desc(), "-pk")
        rest = self._matches(config).exclude(pk__in=on_top).order_by("-pk")
        return ranked, rest


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
            compiler = self.query_compiler
            if not (compiler.is_tuned() and compiler.order_by_relevance and self._score_field is None):
                return super()._do_search()
            ranked, rest = compiler.tiers(compiler.get_config(self.backend))
            start, stop = self.start, self.stop
            results = list(ranked[start:stop])
            wanted = None if stop is None else stop - start
            if wanted is not None and len(results) == wanted:
                return results
            ranked_count = start + len(results) if results or start == 0 else ranked.count()
            rest_stop = None if stop is None else stop - ranked_count
            return results + list(rest[max(start - ranked_count, 0) : rest_stop])

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

"""The site's search backend on PostgreSQL (production).

The stock query reads every matching page's whole body vector twice, once
to test ``(title || body) @@ query`` and once to rank it: several hundred milliseconds
for a common word at 10,000 pages. Here instead:

- the match uses a GIN index on ``title || body`` (migration ``0001``), so matching
  reads no vectors at all;
- the rank uses only the small vectors: the title (weighted highest, scaled by
  Wagtail's title-length norm) and the autocomplete vector, which holds the title and
  summary. So title > summary > body;
- pages whose title or summary matches are sorted by that rank; pages that match only in
  the body or a document follow, ranked by the body when there are at most a hundred of
  them (a site of a few hundred pages), otherwise most recently created first, read in
  page order and no further than the page of results shown (``tiers``,
  ``ranked_rest``), so the body vectors of thousands of pages are never read;
- in the first tier, superseded pages come last and landing pages are lifted a little
  (``search.ranking``);
- the query is built once per search rather than once per row;
- its queries are planned with the indexes. PostgreSQL cannot tell that testing a match
  outside the index means decompressing every page's body vector, so for a word found on
  most pages it would scan the whole table, ten times slower at 10,000 pages.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchRank
from django.db import DatabaseError, connection, transaction
from django.db.models import F, FilteredRelation, Func, IntegerField, Q
from django.db.models.functions import Cast
from wagtail.search.models import IndexEntry

from ..ranking import ranked_order
from . import CountByPrefix
from .internals import Lexeme, PostgresCompiler, PostgresResults, PostgresSearchBackend, content_type_ids

AUTOCOMPLETE_CONFIG = "simple"  # as PostgresSearchBackend indexes the autocomplete vector
# Pages matching only in their body or documents are ranked by their body when there are
# no more than this many (``ranked_rest``); otherwise they are listed newest first.
BODY_RANKED_UP_TO = 100


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


# True inside an ``index_plans`` block. Like Django's connection, it belongs to one
# thread (or one asynchronous task).
_planned = ContextVar("search_index_plans", default=False)


@contextmanager
def _planning_with_indexes():
    token = _planned.set(True)
    try:
        yield
    finally:
        _planned.reset(token)


@contextmanager
def index_plans():
    """Plan the queries inside with indexes and without parallel workers, in this
    transaction only: the settings end with it, and are put back on leaving a block
    nested in a longer transaction. Blocks inside a block cost nothing.

    Outside a transaction this costs one statement (in a transaction of its own); inside
    one, two: swapping the settings in and putting them back."""
    if _planned.get():
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


class SitePostgresSearchQueryCompiler(PostgresCompiler):
    def _summary_query(self):
        """The words as typed, for the unstemmed autocomplete vector (title and summary),
        joined as the search joins them (synonyms included).

        Whole words only, so that a page matching here always matches the stemmed query
        against title and body too (the summary is in the body)."""
        lexemes = self.combine_words(Lexeme, lambda a, b: a & b, lambda a, b: a | b)
        return SearchQuery(lexemes, search_type="raw", config=AUTOCOMPLETE_CONFIG)

    def _page_ids(self, entries):
        """Ids of the indexed pages among ``entries``: a subquery on Wagtail's index table
        alone, so that it is answered from its GIN indexes."""
        entries = entries.filter(content_type_id__in=content_type_ids(self.model()))
        return entries.values(page_id=Cast("object_id", IntegerField()))

    def matches(self, config):
        """The searched pages that match the words anywhere in title, body or documents."""
        entries = IndexEntry._default_manager.alias(_vector_=F("title")._combine(F("body"), "||", False))
        matching = self._page_ids(entries.filter(_vector_=self.tsquery(config)))
        return self.pages().filter(pk__in=matching)

    def _rank(self, config):
        """The rank of a page's own matching index entry (``own_entry``, see ``tiers``)."""
        search_query = Once(self.tsquery(config))
        title_rank = SearchRank(F("own_entry__title"), search_query, weights=self.title_weights())
        summary_rank = SearchRank(F("own_entry__autocomplete"), Once(self._summary_query()))
        return title_rank * F("own_entry__title_norm") + summary_rank

    def tiers(self, config):
        """The matches in two ordered querysets: pages whose title or summary matches, by
        rank; then the rest (body or documents only), newest first. The second needs no
        sorting, so paging through a word found on most pages reads only the rows it
        shows.

        The first joins each page to its own index entry (by id and by its own page type,
        as the entry is stored) on the condition that the title or summary matches: the
        entries that match are read once, from their GIN indexes, both to choose the pages
        and to rank them."""
        tsquery, summary_query = self.tsquery(config), self._summary_query()
        title_or_summary = Q(title=tsquery) | Q(autocomplete=summary_query)
        own_matching_entry = FilteredRelation(
            "index_entries",
            condition=Q(index_entries__content_type_id=F("content_type_id"))
            & (Q(index_entries__title=tsquery) | Q(index_entries__autocomplete=summary_query)),
        )
        # Every page found here matches (see _summary_query).
        on_top = self._page_ids(IndexEntry._default_manager.filter(title_or_summary))
        # Superseded pages last, landing pages lifted (search.ranking); the rest newest
        # first, unless ranked_rest ranks them.
        ranked = (
            self.pages()
            .filter(pk__in=on_top)
            .alias(own_entry=own_matching_entry)
            .order_by(*ranked_order(self._rank(config)))
        )
        rest = self.matches(config).exclude(pk__in=on_top).order_by("-pk")
        return ranked, rest

    # The number of pages the search matches, when the caller knows it (``expect_matches``).
    expected_matches = None

    def ranked_rest(self, config, rest, ranked_count):
        """The second tier (``rest``, from ``tiers``; ``ranked_count`` pages come before it)
        ordered by how well each page's body matches, as the first tier is ordered
        (``search.ranking``), when it holds at most ``BODY_RANKED_UP_TO`` pages; otherwise
        ``rest`` as it is, newest first. Ranking reads each page's whole body vector, which
        is cheap for a hundred pages and not for thousands. How many there are comes from
        ``expected_matches`` when the caller has counted the matches (the results page
        has), else from one query for up to that many ids, read from the GIN index."""
        if self.expected_matches is not None:
            few = self.expected_matches - ranked_count <= BODY_RANKED_UP_TO
        else:
            few = rest.values_list("pk", flat=True)[: BODY_RANKED_UP_TO + 1].count() <= BODY_RANKED_UP_TO
        if not few:
            return rest
        own_entry = FilteredRelation(
            "index_entries", condition=Q(index_entries__content_type_id=F("content_type_id"))
        )
        rank = SearchRank(F("own_entry__body"), Once(self.tsquery(config)))
        return rest.alias(own_entry=own_entry).order_by(*ranked_order(rank))


class SitePostgresSearchResults(CountByPrefix, PostgresResults):
    def expect_matches(self, count):
        """Tell the search how many pages it matches (counted by the caller), so ranking
        the second tier costs no query to count it. Kept on the query compiler, which
        every slice of these results shares."""
        self.query_compiler.expected_matches = count

    def matching_pages(self):
        compiler = self.query_compiler
        if not isinstance(compiler, SitePostgresSearchQueryCompiler) or not compiler.words():
            return super().matching_pages()
        return compiler.matches(self.config())

    def ranked_fetch(self, compiler, config, start, stop):
        if not compiler.words():
            return None
        ranked, rest = compiler.tiers(config)
        results = list(ranked[start:stop])
        wanted = None if stop is None else stop - start
        if wanted is not None and len(results) == wanted:
            return results
        ranked_count = start + len(results) if results or start == 0 else ranked.count()
        rest_stop = None if stop is None else stop - ranked_count
        rest = compiler.ranked_rest(config, rest, ranked_count)
        return results + list(rest[max(start - ranked_count, 0) : rest_stop])

    def _do_search(self):
        with index_plans():
            return super()._do_search()

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

"""Every use of modelsearch's private API, in one place.

The site's search backends (``postgres``, ``sqlite``) change how modelsearch's database
backends match and rank, which modelsearch offers no public way to do. So the classes
here subclass its query compilers and results, override or call names it treats as
private, and hand the rest of ``search.backends`` plain hooks instead:

- a compiler's ``words()``, ``combine_words()``, ``any_word()``, ``tsquery(config)``,
  ``title_weights()`` and ``model()``; ``words()`` accepts plain text and ``And``/``Or``
  of plain text (synonyms, ``search.synonyms``), anything else is left to modelsearch;
- a results class's ``config()`` and ``stock_matches()`` (every match, by modelsearch's
  query), and on PostgreSQL ``ranked_fetch(compiler, config, start, stop)``, called in
  place of modelsearch's own fetch for a search ordered by relevance;
- ``rank_expression()`` on the SQLite compiler, in place of its unweighted rank, and
  ``order_ranked(queryset, score_field)``, which may reorder a search ordered by rank
  (modelsearch orders it by ``score_field`` then ``-pk``) before it is sliced.

They were written for ``WRITTEN_FOR``; tests/search/test_backend_contract.py fails if
another version is installed or any name used here has gone or changed. After upgrading
modelsearch, read the new version's ``backends/database/postgres/postgres.py`` and
``sqlite/sqlite.py`` against this module, then update ``WRITTEN_FOR``.

modelsearch's SQLite module can only be imported when the database is SQLite (it looks
up SQLite's full-text table model), so the SQLite classes are made on first use.
"""

from functools import cache

from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import And, Or, PlainText
from modelsearch.utils import get_descendants_content_types_pks

WRITTEN_FOR = "1.3.2"

__all__ = [
    "WRITTEN_FOR",
    "Lexeme",
    "combine",
    "plain_words",
    "PostgresCompiler",
    "PostgresResults",
    "PostgresSearchBackend",
    "content_type_ids",
    "sqlite_classes",
]


def content_type_ids(model):
    """The content types whose index entries are ``model``'s: it and its subclasses."""
    return get_descendants_content_types_pks(model)


def plain_words(query):
    """Every word of ``query`` when it is plain text, or ``And``/``Or`` of plain text (as
    ``search.synonyms`` builds); otherwise ``()``."""
    if isinstance(query, PlainText):
        return tuple(query.query_string.split())
    if isinstance(query, (And, Or)):
        words = []
        for subquery in query.subqueries:
            found = plain_words(subquery)
            if not found:
                return ()
            words.extend(found)
        return tuple(words)
    return ()


def combine(query, leaf, both, either):
    """Fold ``query`` (of the form ``plain_words`` accepts): ``leaf(word)`` for each word,
    joined with ``both(a, b)`` or ``either(a, b)`` as the query joins them."""
    if isinstance(query, PlainText):
        parts = [leaf(word) for word in query.query_string.split()]
        join = either if query.operator == "or" else both
    else:
        parts = [combine(subquery, leaf, both, either) for subquery in query.subqueries]
        join = both if isinstance(query, And) else either
    result = parts[0]
    for part in parts[1:]:
        result = join(result, part)
    return result


class CompilerHooks:
    """What the site's queries read from a modelsearch query compiler."""

    def words(self):
        """The words searched for, when this is a plain-text search (or plain text joined
        with ``And``/``Or``) over the whole index entry (no ``fields``); otherwise ``()``,
        and modelsearch's own query is used."""
        if self.fields is not None:
            return ()
        return plain_words(self.query)

    def combine_words(self, leaf, both, either):
        """``combine`` over this search's query."""
        return combine(self.query, leaf, both, either)

    def any_word(self):
        return isinstance(self.query, Or) or getattr(self.query, "operator", None) == "or"

    def model(self):
        return self.queryset.model

    def pages(self):
        """The queryset being searched."""
        return self.queryset


class ResultsHooks:
    """What the site's results read from modelsearch's results."""

    def config(self):
        return self.query_compiler.get_config(self.backend)

    def stock_matches(self):
        """Every matching page, unsliced, by modelsearch's own query."""
        return self.query_compiler.search(self.config(), None, None)


class PostgresCompiler(CompilerHooks, PostgresSearchQueryCompiler):
    def tsquery(self, config):
        """The search as modelsearch's stemmed ``tsquery`` for the title and body."""
        return self.build_tsquery(self.query, config=config)

    def title_weights(self):
        """The weights of modelsearch's A–D vector labels, for ranking the title."""
        return self.sql_weights


class PostgresResults(ResultsHooks, PostgresSearchResults):
    def ranked_fetch(self, compiler, config, start, stop):
        """One slice (``start``, ``stop``) of a search ordered by relevance, as a list, or
        ``None`` to leave it to modelsearch."""
        return None

    def _do_search(self):
        compiler = self.query_compiler
        # Autocomplete searches (the admin's) come here too, with modelsearch's own
        # autocomplete compiler: those are left to modelsearch.
        if isinstance(compiler, CompilerHooks) and compiler.order_by_relevance and self._score_field is None:
            results = self.ranked_fetch(compiler, self.config(), self.start, self.stop)
            if results is not None:
                return results
        return super()._do_search()


@cache
def sqlite_classes():
    """``(SQLiteSearchBackend, SQLiteCompiler, SQLiteResults, fts_table)``: modelsearch's
    SQLite backend, the compiler and results with the hooks above, and the name of the
    FTS5 table. Importable only on SQLite."""
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )

    class SQLiteCompiler(CompilerHooks, SQLiteSearchQueryCompiler):
        # Matched columns: title and body as modelsearch has them, plus the autocomplete
        # column (title and summary), which is ranked too.
        FTS_TABLE_FIELDS = ["autocomplete", "body", "title"]

        def rank_expression(self):
            raise NotImplementedError

        def _build_rank_expression(self, vectors, config):
            return self.rank_expression()

        def order_ranked(self, queryset, score_field):
            return queryset

        def search(self, config, start, stop, score_field=None):
            queryset = super().search(config, None, None, score_field=score_field)
            score_field = score_field or "_score"  # the name modelsearch orders by
            if self.order_by_relevance and tuple(queryset.query.order_by) == (score_field, "-pk"):
                queryset = self.order_ranked(queryset, score_field)
            return queryset[start:stop]

    class SQLiteResults(ResultsHooks, SQLiteSearchResults):
        pass

    return SQLiteSearchBackend, SQLiteCompiler, SQLiteResults, SQLiteFTSIndexEntry._meta.db_table

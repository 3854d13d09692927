"""The contract between search/backends/internals.py and the installed modelsearch.

The site's search backends use names modelsearch treats as private. Each is checked
here, by name, signature and what it does, so that an upgrade fails in this file first
and says what to re-read, instead of somewhere in the search results."""

import inspect
from importlib.metadata import version

import pytest
from django.db import connection
from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.backends.database.postgres.weights import get_sql_weights
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from home.models import StandardPage
from search.backends import internals

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="modelsearch's SQLite backend")
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="modelsearch's PostgreSQL backend")


def parameters(function):
    return list(inspect.signature(function).parameters)


def test_installed_modelsearch_is_the_version_the_internals_were_written_for():
    assert version("modelsearch") == internals.WRITTEN_FOR, (
        "modelsearch has changed: check search/backends/internals.py against it, then update WRITTEN_FOR"
    )


def test_private_signatures_are_as_used():
    assert parameters(PostgresSearchQueryCompiler.build_tsquery) == ["self", "query", "config"]
    assert parameters(PostgresSearchQueryCompiler.get_config) == ["self", "backend"]
    assert parameters(PostgresSearchQueryCompiler.search)[:4] == ["self", "config", "start", "stop"]
    assert parameters(PostgresSearchResults._do_search) == ["self"]
    assert parameters(Lexeme) == ["value", "output_field", "invert", "prefix", "weight"]
    assert parameters(get_descendants_content_types_pks) == ["model"]


def test_compiler_and_results_carry_what_the_hooks_read(home_page):
    results = get_search_backend().search("safety review", Page.objects.live(), operator="or")
    compiler = results.query_compiler

    assert compiler.words() == ("safety", "review")
    assert compiler.any_word()
    assert compiler.model() is Page
    assert compiler.pages().model is Page
    assert compiler.order_by_relevance
    assert results.config() == compiler.get_config(results.backend)

    page = results[10:20]
    assert (page.start, page.stop, page._score_field) == (10, 20, None)
    assert page.annotate_score("score")._score_field == "score"


def test_searching_only_some_fields_is_left_to_modelsearch(home_page):
    results = get_search_backend().search("safety", StandardPage.objects.all(), fields=["title"])

    assert results.query_compiler.words() == ()


def test_fetching_results_goes_through_do_search(home_page, monkeypatch):
    results = get_search_backend().search("safety", Page.objects.all())
    calls = []
    monkeypatch.setattr(type(results), "_do_search", lambda self: calls.append((self.start, self.stop)) or [])

    list(results[0:10])

    assert calls == [(0, 10)]


def test_content_types_are_the_model_and_its_subclasses():
    from django.contrib.contenttypes.models import ContentType

    ids = set(internals.content_type_ids(Page))

    assert ContentType.objects.get_for_model(StandardPage).pk in ids
    assert ContentType.objects.get_for_model(Page).pk in ids
    assert set(internals.content_type_ids(StandardPage)) < ids


def test_index_entry_has_the_columns_the_queries_name():
    names = {field.name for field in IndexEntry._meta.get_fields()}

    assert {"content_type", "object_id", "title", "title_norm", "body", "autocomplete"} <= names
    assert Page._meta.get_field("index_entries").related_model is IndexEntry


@on_postgres
def test_a_search_ordered_by_relevance_is_fetched_by_the_sites_query(home_page, monkeypatch):
    results = get_search_backend().search("safety", Page.objects.all())
    calls = []
    monkeypatch.setattr(
        type(results),
        "ranked_fetch",
        lambda self, compiler, config, start, stop: calls.append((start, stop)) or [],
    )

    list(results[0:10])
    list(results.annotate_score("score")[0:10])  # a score asked for: modelsearch's own query

    assert calls == [(0, 10)]


@on_postgres
def test_autocomplete_searches_are_left_to_modelsearch(home_page, monkeypatch):
    results = get_search_backend().autocomplete("saf", Page.objects.all())
    monkeypatch.setattr(type(results), "ranked_fetch", lambda *args: pytest.fail("not a site search"))

    assert list(results[0:10]) == list(Page.objects.filter(title__istartswith="saf"))


@on_postgres
def test_postgres_pieces_build_the_sql_the_queries_expect(home_page):
    compiler = get_search_backend().search("safety", Page.objects.all()).query_compiler

    assert compiler.title_weights() == get_sql_weights()
    tsquery = Page.objects.annotate(tsquery=compiler.tsquery("english")).values_list("tsquery", flat=True)
    assert tsquery.first() == "'safeti'"
    sql, params = Lexeme("safety").as_sql(None, connection)
    assert sql % tuple(params) == "'safety'"


@on_sqlite
def test_sqlite_match_and_rank_hooks_are_used(home_page):
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler

    from search.backends.sqlite import COLUMN_WEIGHTS

    _, compiler_class, _, fts_table = internals.sqlite_classes()
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA table_info({fts_table})")
        columns = [row[1] for row in cursor.fetchall()]
    # bm25() takes one weight per column, in the table's order: autocomplete, body, title.
    assert columns == ["autocomplete", "body", "title"]
    assert len(COLUMN_WEIGHTS) == len(columns)
    assert parameters(SQLiteSearchQueryCompiler._build_rank_expression) == ["self", "vectors", "config"]
    assert parameters(SQLiteSearchQueryCompiler.search) == ["self", "config", "start", "stop", "score_field"]

    sql = str(get_search_backend().search("safety", Page.objects.all()).stock_matches().query)

    assert f"bm25({fts_table}, 5.0, 1.0, 10.0)" in sql
    assert f"MATCH {{{' '.join(compiler_class.FTS_TABLE_FIELDS)}}}" in sql

"""Counting searches (search/query_log.py): a search is counted once, outside or inside a
transaction, and a database error while counting never stops the results."""

import contextlib

import pytest
from django.db import connection
from wagtail.contrib.search_promotions.models import Query

from search import query_log


def hits(words):
    query = Query.objects.filter(query_string=words).first()
    return sum(query.daily_hits.values_list("hits", flat=True)) if query else 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_search_outside_a_transaction_is_counted_each_time():
    assert not connection.in_atomic_block
    query_log.record_query("Domestic Abuse")
    query_log.record_query("domestic abuse")
    assert hits("domestic abuse") == 2


@pytest.mark.django_db
def test_a_search_inside_a_transaction_is_counted():
    query_log.record_query("refuge")
    assert hits("refuge") == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("atomic", [False, True])
def test_a_database_error_while_counting_is_logged_and_the_connection_still_works(
    monkeypatch, caplog, atomic
):
    from django.db import transaction

    real_quote = connection.ops.quote_name
    monkeypatch.setattr(connection.ops, "quote_name", lambda name: real_quote(name + "_missing"))
    with transaction.atomic() if atomic else contextlib.nullcontext():
        query_log.record_query("help")
        monkeypatch.setattr(connection.ops, "quote_name", real_quote)
        # The failed count left nothing broken: the next statement runs.
        assert Query.objects.count() == 0
    assert "Could not record a search query" in caplog.text

"""Counting searches for the popular-searches report (Reports → Search terms).

Only the words and the day's count are stored, in Wagtail's own ``Query`` and
``QueryDailyHits`` tables, exactly as ``Query.get(query_string).add_hit()`` stores them:
nothing about who searched.

This writes them with SQL of its own rather than calling ``add_hit()``, for the query
budget. Measured on 1 December 2026 (the first time a query is searched for / again;
each in a savepoint, as inside a request's transaction):

- ``Query.get(q).add_hit()``: 11 / 5 statements (two ``get_or_create`` calls, each with
  a savepoint, then an ``UPDATE``); 1.67 ms a call on PostgreSQL, 0.72 ms on SQLite;
- ``record_query`` below: 3 / 3 on PostgreSQL, 4 / 4 on SQLite (counting the savepoint
  around it); 0.69 ms and 0.20 ms.

A reader's request runs outside a transaction: there the PostgreSQL upsert runs on its
own, without a transaction's BEGIN and COMMIT around it (one statement, not three).

With ``add_hit()`` a first search with results takes 23 SQL queries on PostgreSQL and 20
on SQLite, against a budget of 15 (tests/perf/test_query_budget.py); with this, 15 and 12.
"""

import contextlib
import logging

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

logger = logging.getLogger(__name__)


def record_query(query_string):
    """Count the query: add it if it is new, then add today's row or one more hit to it
    (an upsert, so two searches at the same moment are both counted). One statement on
    PostgreSQL, two on SQLite, whatever has been searched for before. A database error
    is logged and the results are shown all the same."""
    normalised = normalise_query_string(query_string)
    today = timezone.now().date()
    quote = connection.ops.quote_name
    hits_table, query_table = quote(QueryDailyHits._meta.db_table), quote(Query._meta.db_table)
    upsert_hits = f"ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits_table}.hits + 1"
    # On PostgreSQL the upsert is one statement, atomic on its own: outside a transaction
    # (as a reader's request runs) it needs no BEGIN and COMMIT around it. Inside one, a
    # savepoint keeps a failure from breaking the surrounding transaction.
    one_statement = connection.vendor == "postgresql" and not connection.in_atomic_block
    try:
        with (
            contextlib.nullcontext() if one_statement else transaction.atomic(),
            connection.cursor() as cursor,
        ):
            if connection.vendor == "postgresql":
                # One statement: PostgreSQL allows an INSERT in a WITH clause (the new
                # query's id comes from RETURNING; the table's snapshot does not show it).
                cursor.execute(
                    f"WITH new AS (INSERT INTO {query_table} (query_string) VALUES (%s) "  # noqa: S608 (names from _meta)
                    f"ON CONFLICT DO NOTHING RETURNING id), "
                    f"found AS (SELECT id FROM new UNION ALL "
                    f"SELECT id FROM {query_table} WHERE query_string = %s) "
                    f"INSERT INTO {hits_table} (query_id, date, hits) "
                    f"SELECT id, %s, 1 FROM found LIMIT 1 {upsert_hits}",
                    [normalised, normalised, today],
                )
            else:
                Query.objects.bulk_create([Query(query_string=normalised)], ignore_conflicts=True)
                cursor.execute(
                    f"INSERT INTO {hits_table} (query_id, date, hits) "  # noqa: S608 (names from _meta)
                    f"SELECT id, %s, 1 FROM {query_table} WHERE query_string = %s {upsert_hits}",
                    [today, normalised],
                )
    except DatabaseError:
        logger.warning("Could not record a search query", exc_info=True)

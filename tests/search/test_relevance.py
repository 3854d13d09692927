"""The relevance test set (relevance.toml) holds its score: see docs/search.md.

The figures are those reached when the set was written (bench/relevance.py prints them,
on SQLite and PostgreSQL); a change that puts fewer right pages first fails here. Each
nation's demo is loaded into a database of its own, as a real site has one."""

import pytest
from django.core.management import call_command

from tests.search import relevance

pytestmark = pytest.mark.django_db

# (right page first at least, mean reciprocal rank at least). England: 40 judged queries,
# Wales: 11; all right on SQLite and PostgreSQL.
FIGURES = {"england": (40, 1.0), "wales": (11, 1.0)}


def score(client, nation):
    call_command("load_demo_content", nation=nation, verbosity=0)
    outcomes = relevance.run(client, relevance.judged_queries(nation))
    report = "\n".join(relevance.report(outcomes))
    right_first, mrr = FIGURES[nation]
    # Every abbreviation finds the page that spells it out (tests/search/test_synonyms.py
    # holds DHR, CSP, ASB, SUSR and IOM to first place).
    assert all(outcome.rank for outcome in outcomes if outcome.judged.kind == "abbreviation"), report
    assert sum(outcome.right_first for outcome in outcomes) >= right_first, report
    assert relevance.mean_reciprocal_rank(outcomes) >= mrr, report


def test_relevance_holds_its_score_in_england(client):
    score(client, "england")


# Committed for real: wagtail-localize publishes the Welsh pages when their transaction
# commits (as in tests/test_welsh_demo.py).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_relevance_holds_its_score_in_wales(client):
    score(client, "wales")


def test_the_set_has_enough_judged_queries_of_every_kind():
    queries = relevance.judged_queries()
    assert len(queries) >= 40
    kinds = {judged.kind for judged in queries}
    assert {"abbreviation", "misspelling", "question", "welsh", "help"} <= kinds

"""The relevance test set (relevance.toml) holds its score: see docs/search.md.

The figures are those reached when the set was written (bench/relevance.py prints them,
on SQLite and PostgreSQL); a change that puts fewer right pages first fails here."""

import pytest
from django.core.management import call_command

from tests.search import relevance

pytestmark = pytest.mark.django_db

# Of the 51 judged queries (39 on the England demo, 12 on the Wales demo).
RIGHT_FIRST_AT_LEAST = 50
MRR_AT_LEAST = 0.97


def test_relevance_holds_its_score(client):
    outcomes = []
    for nation in ("england", "wales"):
        call_command("load_demo_content", nation=nation, verbosity=0)
        outcomes += relevance.run(client, relevance.judged_queries(nation))
    report = "\n".join(relevance.report(outcomes))
    assert len(outcomes) >= 40
    assert all(outcome.right_first for outcome in outcomes if outcome.judged.kind == "abbreviation"), report
    assert sum(outcome.right_first for outcome in outcomes) >= RIGHT_FIRST_AT_LEAST, report
    assert relevance.mean_reciprocal_rank(outcomes) >= MRR_AT_LEAST, report

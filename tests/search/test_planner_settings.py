"""PostgreSQL only: the search's planner settings (search.backends.postgres.index_plans) hold inside
the search and are put back afterwards when the search runs inside a longer transaction
(as each test here does), including when it ends with a page past the last."""

import pytest
from django.db import connection

from search.backends.postgres import index_plans

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner settings"),
]


def settings_now():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('max_parallel_workers_per_gather')"
        )
        return cursor.fetchone()


def test_settings_hold_inside_and_are_put_back():
    before = settings_now()
    with index_plans():
        assert settings_now() == ("off", "0")
        with index_plans():  # a block inside a block changes nothing
            assert settings_now() == ("off", "0")
        assert settings_now() == ("off", "0")
    assert settings_now() == before
    assert before != ("off", "0")


@pytest.mark.parametrize(
    "url", ["/search/?q=cookies", "/search/?q=cookies&page=99", "/search/?q=nothing+here"]
)
def test_a_search_leaves_the_settings_as_it_found_them(client, add_page, url):
    add_page("Cookies")
    before = settings_now()
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert settings_now() == before


def test_settings_are_put_back_after_an_exception_that_is_not_a_database_error():
    before = settings_now()
    with pytest.raises(LookupError), index_plans():
        raise LookupError("no such page of results")
    assert settings_now() == before

"""Small helpers shared by tests."""

from contextlib import contextmanager
from unittest import mock

from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext


def get_with_query_count(client, url, **extra):
    """GET ``url`` and return ``(response, number_of_sql_queries)``."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    return response, len(queries)


def field_help_gaps(model, exempt=()):
    """Names of editable fields a model declares itself that have no help text.

    Fields inherited from Wagtail's ``Page`` and the ones in ``exempt`` are skipped:
    Wagtail documents its own fields in the editor.
    """
    from wagtail.models import Page

    page_fields = {f.name for f in Page._meta.get_fields()}
    gaps = []
    for field in model._meta.get_fields():
        if not getattr(field, "editable", False) or field.auto_created:
            continue
        if field.name in page_fields or field.name in exempt or field.name.endswith("_ptr"):
            continue
        if getattr(field, "is_relation", False) and not field.concrete:
            continue
        if not str(getattr(field, "help_text", "")).strip():
            gaps.append(field.name)
    return gaps


@contextmanager
def database_down():
    """Every new query fails as it does when PostgreSQL is stopped or unreachable, in every
    thread (a live server's too). Leave the block before the test's own teardown."""
    from django.db.backends.base.base import BaseDatabaseWrapper

    def refuse(self):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse):
        yield

"""A fix for searching with a double quote on SQLite (development and CI only).

modelsearch 1.3 (Wagtail's database search backend) wraps each search term in double
quotes for SQLite's FTS5 but escapes single quotes instead of double ones, so a term
containing ``"`` ends the FTS5 string early and the query fails with "fts5: syntax
error": a 500 for a reader who types a quote. In FTS5 a double quote inside a string is
written twice, and nothing else needs escaping. PostgreSQL, used in production, builds
its queries differently and is not affected.
"""

from django.conf import settings


def _lexeme_as_sql(self, compiler, connection):
    template = '"%s"*' if self.prefix else '"%s"'
    return template, [self.value.replace('"', '""')]


def install():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return
    from modelsearch.backends.database.sqlite.query import Lexeme

    Lexeme.as_sql = _lexeme_as_sql

"""What a theme's page lists, contributed by the sections.

A section registers a function with the ``register_theme_entries`` hook; it is called as
``function(theme, request)`` and returns a ``ThemeEntries`` (a heading and its items) or
None when the section has nothing to say. Each function answers in a fixed number of
queries and lists only what ``core.visibility.filter_visible`` lets a reader see now. The
base never names a section: it only asks the hook.
"""

import datetime
from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "register_theme_entries"


@dataclass(frozen=True)
class ThemeEntry:
    title: str
    url: str
    date: datetime.date | None = None
    summary: str = ""


@dataclass(frozen=True)
class ThemeEntries:
    heading: str
    items: list[ThemeEntry] = field(default_factory=list)


# The columns ``entries_of`` reads, for a section's ``.only()``.
ENTRY_FIELDS = ("id", "title", "url_path", "summary", "publication_date", "locale_id")


def entries_of(heading, pages, request):
    """``ThemeEntries`` under ``heading`` for ``pages`` (each with a ``title``, ``summary``
    and ``publication_date``; read them with ``.only(*ENTRY_FIELDS)``), in their order."""
    items = [
        ThemeEntry(
            title=page.title, url=page.get_url(request), date=page.publication_date, summary=page.summary
        )
        for page in pages
    ]
    return ThemeEntries(heading=str(heading), items=items)


def entries_for(theme, request):
    """Every section's list for ``theme``, in hook order, leaving out empty ones."""
    found = []
    for function in hooks.get_hooks(HOOK_NAME):
        entries = function(theme, request)
        if entries is not None and entries.items:
            found.append(entries)
    return found

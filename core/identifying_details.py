"""Finding identifying details (names, addresses, dates of birth…) in text a reader could see.

A section keeps a private list of details that must never be published; this module only
matches them. It knows no section and never logs, stores or returns a detail's text: a
``Finding`` carries the detail's position in the list, the kind of place and where it was.

Matching ignores case, accents and punctuation, joins words split across line breaks and
hyphenated at a line end, and accepts possessives ("Haworth's", "Haworths'") and plurals;
a detail matches only whole words, so "Ann" is not found in "Annual".
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """The kind of place a detail was found in, as editors are told it."""

    TEXT = "text", _("text")
    METADATA = "metadata", _("metadata")
    ANNOTATION = "annotation", _("annotation")
    UNDER_BOX = "under a box", _("under a box")
    FORM_FIELD = "form field", _("form field")
    BOOKMARK = "bookmark", _("bookmark")
    EMBEDDED_FILE = "embedded file", _("embedded file")
    FILE_NAME = "file name", _("file name")
    PAGE_FIELD = "page field", _("page field")


@dataclass(frozen=True)
class Place:
    """A piece of text a reader or a PDF viewer could see."""

    kind: str
    text: str
    page: int | None = None  # 1-based page number, None when not on a page
    where: str = ""  # "Author", "XMP metadata", "comment", a field's label; never the detail


@dataclass(frozen=True)
class Finding:
    """A detail found in a place; it names the detail by its position, never by its text."""

    detail_number: int  # 1-based position in the list of details
    kind: str
    page: int | None
    where: str


# A word hyphenated at the end of a line ("Haw-\north"), or the mark PDF text extraction
# puts where a line ended in a hyphen (pdfium: U+FFFE, or \x02, with no line break).
# The pattern starts at the hyphen so that the search can skip quickly to candidates.
_LINE_END_HYPHEN = re.compile(
    r"(?:[-\u00ad\u2010\u2011](?<=\w.)[ \t]*[\r\n]+\s*|[\x02\ufffe](?<=\w.)\s*)(?=\w)"
)
_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc\u2032`]")
_NOT_WORD = re.compile(r"[\W_]+")


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        decomposed = "".join(char for char in decomposed if not unicodedata.combining(char))
    without_apostrophes = _APOSTROPHES.sub("", decomposed.casefold())
    return _NOT_WORD.sub(" ", without_apostrophes).strip()


def normalise(text: str) -> str:
    """Text as the matching sees it: lower case, no accents, no apostrophes, every run of
    punctuation and white space one space, and words hyphenated at a line end joined."""
    return _fold(_LINE_END_HYPHEN.sub("", text))


def _variants(text):
    """The normalised text, and, when a line ends in a hyphen, also the reading where the
    hyphen belongs to the words ("Smith-\\nJones" is "Smith Jones", not "Smithjones")."""
    joined = normalise(text)
    if not _LINE_END_HYPHEN.search(text):
        return (joined,)
    return joined, _fold(text)


def parse_details(text: str) -> list[str]:
    """One detail a line, trimmed; blank lines, lines with no letters or digits and lines
    that normalise to a detail already listed are dropped."""
    details, seen = [], set()
    for line in text.splitlines():
        detail = line.strip()
        key = normalise(detail)
        if key and key not in seen:
            seen.add(key)
            details.append(detail)
    return details


def _pattern(detail):
    """``(first word, pattern)``: the first word is looked for first, as plain text, which
    is much faster than the pattern and rules out most places."""
    words = normalise(detail).split()
    if not words:
        return None
    # Each word may take a possessive or plural "s" ("Haworth's" folds to "haworths").
    body = " ".join(re.escape(word) + "s?" for word in words)
    return words[0], re.compile(rf"(?<!\w){body}(?!\w)")


def find_details(details: list[str], places: Iterable[Place]) -> list[Finding]:
    """Each detail found in each place: one ``Finding`` per detail, kind, page and where,
    ordered by detail, then by the order of the places."""
    patterns = [(number, _pattern(detail)) for number, detail in enumerate(details, start=1)]
    patterns = [(number, pattern) for number, pattern in patterns if pattern is not None]
    found = {}
    for order, place in enumerate(places):
        if not place.text:
            continue
        texts = _variants(place.text)
        for number, (first_word, pattern) in patterns:
            key = (number, place.kind, place.page, place.where)
            if key in found:
                continue
            if any(first_word in text and pattern.search(text) for text in texts):
                found[key] = order
    ordered = sorted(found.items(), key=lambda item: (item[0][0], item[1]))
    return [Finding(number, kind, page, where) for (number, kind, page, where), _order in ordered]

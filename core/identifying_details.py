"""Finding identifying details (names, addresses, dates of birth…) in text a reader could see.

A section keeps a private list of details that must never be published; this module only
matches them. It knows no section and never logs, stores or returns a detail's text: a
``Finding`` carries the detail's position in the list, the kind of place and where it was.

Matching ignores case, accents and punctuation, joins words split across line breaks and
hyphenated at a line end, and accepts possessives ("Haworth's", "Haworths'") and plurals;
a detail matches only whole words, so "Ann" is not found in "Annual". A date written
with numbers ("12/03/1980") is also found written out ("12th March 1980", "12 Mawrth 1980").
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


_CAMEL_CASE = re.compile(r"(?<=[a-z])(?=[A-Z])")
# Names where words are often run together: "MargaretHaworth.pdf", a field "VictimName".
_RUN_TOGETHER = (Kind.FILE_NAME, Kind.EMBEDDED_FILE, Kind.FORM_FIELD)


def _variants(place):
    """The normalised text, and, when a line ends in a hyphen, also the reading where the
    hyphen belongs to the words ("Smith-\\nJones" is "Smith Jones", not "Smithjones"); in
    names such as a file's, also the reading with run-together words apart."""
    text = place.text
    variants = [normalise(text)]
    if _LINE_END_HYPHEN.search(text):
        variants.append(_fold(text))
    if place.kind in _RUN_TOGETHER and _CAMEL_CASE.search(text):
        variants.append(normalise(_CAMEL_CASE.sub(" ", text)))
    return variants


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


MONTHS = [  # English and Welsh names, and the short forms reports use
    ("january", "jan", "ionawr"),
    ("february", "feb", "chwefror"),
    ("march", "mar", "mawrth"),
    ("april", "apr", "ebrill"),
    ("may", "mai"),
    ("june", "jun", "mehefin"),
    ("july", "jul", "gorffennaf"),
    ("august", "aug", "awst"),
    ("september", "sep", "sept", "medi"),
    ("october", "oct", "hydref"),
    ("november", "nov", "tachwedd"),
    ("december", "dec", "rhagfyr"),
]


def _patterns(detail):
    """``(first word, pattern)`` pairs, any of which finds the detail. The first word is
    looked for first, as plain text, which is much faster than the pattern and rules out
    most places."""
    words = normalise(detail).split()
    if not words:
        return []
    # Each word may take a possessive or plural "s" ("Haworth's" folds to "haworths").
    body = " ".join(re.escape(word) + "s?" for word in words)
    return [(words[0], re.compile(rf"(?<!\w){body}(?!\w)")), *_date_patterns(words)]


def _date_patterns(words):
    """A day, month and year ("12/03/1980", "3.3.80") is also found written out: "12 March
    1980", "12th of Mar 1980", "March 12, 1980", "1980-03-12", "3 Mawrth 1980"."""
    if len(words) != 3 or not all(word.isdigit() for word in words):
        return []
    day, month, year = (int(word) for word in words)
    if not (1 <= day <= 31 and 1 <= month <= 12 and len(words[2]) in (2, 4)):
        return []
    years = rf"(?:{year}|{year % 100:02d})" if len(words[2]) == 4 else rf"(?:(?:19|20)?{year:02d})"
    days = rf"0?{day}(?:st|nd|rd|th)?"
    months = "(?:" + "|".join(MONTHS[month - 1]) + ")"
    pattern = re.compile(
        rf"(?<!\w)(?:{days} (?:of )?{months} {years}|{months} {days} {years}"
        rf"|0?{day} 0?{month} {years}|{years} 0?{month} 0?{day})(?!\w)"
    )
    return [("", pattern)]


def find_details(details: list[str], places: Iterable[Place]) -> list[Finding]:
    """Each detail found in each place: one ``Finding`` per detail, kind, page and where,
    ordered by detail, then by the order of the places."""
    patterns = [
        (number, first_word, pattern)
        for number, detail in enumerate(details, start=1)
        for first_word, pattern in _patterns(detail)
    ]
    found = {}
    for order, place in enumerate(places):
        if not place.text:
            continue
        texts = _variants(place)
        # Findings carry the plain value, the same whether a place gave a Kind or a string.
        kind = str(place.kind)
        for number, first_word, pattern in patterns:
            key = (number, kind, place.page, place.where)
            if key in found:
                continue
            if any(first_word in text and pattern.search(text) for text in texts):
                found[key] = order
    ordered = sorted(found.items(), key=lambda item: (item[0][0], item[1]))
    return [Finding(number, kind, page, where) for (number, kind, page, where), _order in ordered]

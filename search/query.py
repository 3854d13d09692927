"""Turning what a reader typed into something safe to search for, and back into
highlighted text.

The search box accepts anything. What reaches the database is only words: letters and
digits in any script, at most ``MAX_TERMS`` of them. Quotes, operators (``&|!()*:``),
control characters and emoji are dropped, so no input can break the SQLite FTS5 or
PostgreSQL ``tsquery`` syntax.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .sections import sections

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10

# A run of letters or digits; underscores are punctuation to both search engines.
WORD = re.compile(r"[^\W_]+")

# Word beginnings that suggest a search about domestic abuse, or by someone seeking help
# or in danger, on any site: the results page then shows the helplines first. Matched
# against the start of each term, so "abus" covers abuse, abused, abuser and abusive. Each
# section adds the words of its own subject (``helpline_stems`` in its ``search_section``;
# see search/sections.py).
HELPLINE_STEMS = (
    "abus",
    "afraid",
    "assault",
    "coerci",
    "controlling",
    "danger",
    "domestic",
    "escap",
    "fear",
    "frighten",
    "harass",
    "help",  # help, helpline, helping
    "hurt",
    "kill",
    "leav",  # leave, leaving
    "murder",
    "rape",
    "refuge",
    "scared",
    "stalk",
    "suicid",
    "threat",
    "unsafe",
    "violen",
)

# The same in Welsh, with the mutated beginnings a word takes after another (cymorth,
# gymorth, nghymorth, chymorth): help is also Welsh.
WELSH_HELPLINE_STEMS = (
    "anniogel",  # unsafe
    "berygl",
    "camdrin",
    "chymorth",
    "cymorth",  # help, support
    "ddianc",
    "dianc",  # escape
    "drais",
    "drin",  # cam-drin (abuse) is searched as "cam drin"
    "gymorth",
    "lloches",  # refuge
    "loches",
    "mherygl",
    "nghymorth",
    "ofn",  # fear, ofnus: afraid
    "perygl",  # danger
    "pherygl",
    "trais",  # violence
)


# Words that carry no subject in a question typed as it would be spoken ("how do I get a
# copy of a review"), English and Welsh. Pages are searched without them, unless nothing
# else is left; the results page still shows, counts and promotes what was typed. Without
# this, PostgreSQL (whose English dictionary drops "how", "do" and "of" but not "get")
# would look for pages with "get" in them.
QUESTION_WORDS = frozenset(
    {
        "a", "about", "an", "are", "can", "could", "do", "does", "find", "for", "get", "how",
        "i", "is", "me", "my", "of", "please", "the", "to", "want", "we", "what", "when",
        "where", "who", "you",
        "beth", "ble", "pryd", "sut", "y", "yr",
    }
)  # fmt: skip


def clean_query(raw):
    """The query as it is shown back to the reader: printable, single-spaced and bounded."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def words_of(text):
    """Every word of ``text``, lower-cased, in order: how search splits what it is given."""
    return WORD.findall(unicodedata.normalize("NFKC", text).lower())


def query_terms(query):
    """The words to search for, lower-cased, in the order typed, without repeats."""
    terms = []
    for word in words_of(query):
        if word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def searched_terms(terms):
    """``terms`` without the question words, or all of them if nothing else is left."""
    return [term for term in terms if term not in QUESTION_WORDS] or list(terms)


def helpline_stems():
    """The site-wide stems and every section's own."""
    return (
        HELPLINE_STEMS
        + WELSH_HELPLINE_STEMS
        + tuple(stem for section in sections() for stem in section.helpline_stems)
    )


def suggests_helplines(terms):
    stems = helpline_stems()
    return any(term.startswith(stems) for term in terms)


def highlight(text, terms):
    """``text`` as HTML with each word starting with a search term wrapped in ``<mark>``.

    Every piece of the reader-supplied and editor-supplied text is escaped before the
    marks go in; the text is split on matches first so that a term can never match inside
    an HTML entity (such as the ``amp`` of ``&amp;``).
    """
    text = text or ""
    if not terms:
        return escape(text)
    alternatives = "|".join(re.escape(term) for term in sorted(set(terms), key=len, reverse=True))
    pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped

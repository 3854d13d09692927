""" "Did you mean …?": the closest words that readers can find.

The vocabulary is the words of the titles and summaries of the pages a reader may see
now under one home page (``search.results.searchable_pages``, the one visibility rule):
never a word that only a draft, an unpublished, withdrawn or come-down review, a private
section or a document holds. It is built with one query when first needed and kept in
the page cache, so it goes with every change in Wagtail (the cache is emptied then) and
ends at the next moment a page could come down or go live on its own
(``ops.caching.next_change``).

A word is suggested for a search word that is not in the vocabulary when it is at most
one edit away (two for words of eight letters or more; an edit being a letter added,
dropped, changed or two swapped), the most used such word first. Pure Python, the same
on SQLite and PostgreSQL: the vocabulary of a site of 10,000 pages is a few thousand
words.
"""

import logging
from collections import Counter

from django.utils import timezone

from ops.caching import next_change, page_cache, seconds_until

from .query import MAX_TERMS, words_of
from .results import searchable_pages, with_summaries

logger = logging.getLogger(__name__)

CACHE_KEY = "search:vocabulary:{root}"
MIN_WORD_LENGTH = 4  # shorter words (and abbreviations) are too easily "corrected"


def build_vocabulary(root_page, at=None):
    """How many visible pages use each word in their title or summary."""
    counts = Counter()
    rows = with_summaries(searchable_pages(root_page, at)).values_list(
        "title", "own_summary", "search_description"
    )
    for row in rows.iterator():
        counts.update(set(words_of(" ".join(text or "" for text in row))))
    return {
        word: count for word, count in counts.items() if len(word) >= MIN_WORD_LENGTH and not word.isdigit()
    }


def vocabulary(root_page):
    """``build_vocabulary`` for now, from the page cache while it holds."""
    now = timezone.now()
    key = CACHE_KEY.format(root=root_page.pk)
    try:
        cached = page_cache().get(key)
    except Exception:  # a cache outage must not take search down
        logger.exception("Could not read the search vocabulary from the page cache.")
        cached = None
    if cached is not None:
        valid_until, words = cached
        if valid_until is None or now < valid_until:
            return words
    words = build_vocabulary(root_page, now)
    valid_until = next_change(now)
    try:
        page_cache().set(key, (valid_until, words), max(1, seconds_until(valid_until, now)))
    except Exception:
        logger.exception("Could not store the search vocabulary in the page cache.")
    return words


def edit_distance(a, b, limit):
    """Damerau–Levenshtein distance (adjacent swaps count once), or ``limit + 1`` as soon
    as it must be more than ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


def allowed_edits(word):
    return 2 if len(word) >= 8 else 1


def closest_word(word, words):
    """The word of ``words`` (word → pages using it) closest to ``word``, or ``None``."""
    limit = allowed_edits(word)
    best, best_key = None, None
    for candidate, count in words.items():
        if abs(len(candidate) - len(word)) > limit or candidate[0] != word[0] and candidate[-1] != word[-1]:
            continue
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            key = (distance, -count, candidate)
            if best_key is None or key < best_key:
                best, best_key = candidate, key
    return best


def suggestion(terms, root_page, known=()):
    """``terms`` with each word no page uses replaced by the closest word one does, as a
    query string, or ``None`` when no word is replaced. Words in ``known`` (synonyms) are
    left as they are."""
    if not terms:
        return None
    words = vocabulary(root_page)
    corrected, changed = [], False
    for term in terms[:MAX_TERMS]:
        if term in words or term in known or len(term) < MIN_WORD_LENGTH or term.isdigit():
            corrected.append(term)
            continue
        replacement = closest_word(term, words)
        corrected.append(replacement or term)
        changed = changed or replacement is not None
    return " ".join(corrected) if changed else None

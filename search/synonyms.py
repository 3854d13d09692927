"""Synonyms and abbreviations, applied when a search runs.

Editors keep the list (**Settings → Search synonyms**, ``search.models.SearchSynonym``);
each section may add its own in its ``search_section`` (``"synonyms"``: tuples of terms
that mean the same, see search/sections.py). Each is a group of phrases that mean the
same: a search for any of them also finds pages with any other. The index is never
changed, so an editor's new synonym is used by the next search.

A reader's words are matched against the phrases left to right, longest first, so
"domestic violence support" becomes (domestic violence OR domestic abuse OR …) AND
support. The groups are kept in the page cache, which every change in Wagtail (a synonym
saved or deleted included) empties.
"""

import logging

from django.db.models.signals import post_delete, post_save
from wagtail.search.query import And, Or, PlainText

from ops.caching import page_cache, purge_all

from .sections import sections

logger = logging.getLogger(__name__)

CACHE_KEY = "search:synonyms"
CACHE_SECONDS = 60 * 60
# A group's phrases searched in place of one of them, the reader's own first; enough for
# any sensible group and a bound on the query's size.
MAX_ALTERNATIVES = 8


def _load_groups():
    from .models import SearchSynonym

    groups = [tuple(synonym.phrases()) for synonym in SearchSynonym.objects.all()]
    for section in sections():
        groups.extend(section.synonyms)
    return [group for group in groups if len(group) > 1]


def groups():
    """Every group of equivalent phrases (tuples of search words): one query, then cached."""
    try:
        cached = page_cache().get(CACHE_KEY)
    except Exception:  # a cache outage must not take search down
        logger.exception("Could not read the search synonyms from the page cache.")
        cached = None
    if cached is not None:
        return cached
    found = _load_groups()
    try:
        page_cache().set(CACHE_KEY, found, CACHE_SECONDS)
    except Exception:
        logger.exception("Could not store the search synonyms in the page cache.")
    return found


def equivalents_by_phrase(all_groups):
    index = {}
    for group in all_groups:
        for phrase in group:
            index.setdefault(phrase, set()).update(group)
    return index


def expand(terms, all_groups=None):
    """``terms`` as slots: for each phrase found, a tuple of the phrases that may stand in
    for it (the words as typed first); each other word alone."""
    index = equivalents_by_phrase(groups() if all_groups is None else all_groups)
    longest = max((len(phrase) for phrase in index), default=1)
    slots, start = [], 0
    while start < len(terms):
        for length in range(min(longest, len(terms) - start), 0, -1):
            phrase = _known_form(tuple(terms[start : start + length]), index)
            if phrase in index:
                others = sorted(index[phrase] - {phrase}, key=lambda words: (len(words), words))
                slots.append((phrase, *others)[:MAX_ALTERNATIVES])
                start += length
                break
        else:
            slots.append(((terms[start],),))
            start += 1
    return slots


def _known_form(phrase, index):
    """``phrase``, or its singular when only that is a synonym ("DHRs" for "DHR")."""
    if phrase not in index and len(phrase[-1]) > 2 and phrase[-1].endswith("s"):
        singular = (*phrase[:-1], phrase[-1][:-1])
        if singular in index:
            return singular
    return phrase


def is_expanded(slots):
    return any(len(slot) > 1 for slot in slots)


def slot_words(slots):
    """Every word of every phrase in ``slots``, once each (to highlight in results)."""
    words = []
    for slot in slots:
        for phrase in slot:
            words.extend(word for word in phrase if word not in words)
    return words


def known_words(all_groups=None):
    """Every word in a synonym: words a reader may type that are not misspellings."""
    return {
        word
        for group in (groups() if all_groups is None else all_groups)
        for phrase in group
        for word in phrase
    }


def search_query(slots, any_word=False):
    """The search for ``slots`` as a query for the search backend: every slot must match
    (any one of them when ``any_word``), a slot by any of its phrases, a phrase by all of
    its words."""

    def phrase_query(words):
        return PlainText(" ".join(words), operator="and")

    parts = []
    for slot in slots:
        alternatives = [phrase_query(phrase) for phrase in slot]
        parts.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    if len(parts) == 1:
        return parts[0]
    return Or(parts) if any_word else And(parts)


def connect():
    from .models import SearchSynonym

    # Search results are kept in the page cache too: empty it, synonyms with it.
    post_save.connect(purge_all, sender=SearchSynonym, dispatch_uid="search-synonym-saved")
    post_delete.connect(purge_all, sender=SearchSynonym, dispatch_uid="search-synonym-deleted")

"""How much document text goes into a search entry, and which part of it.

PostgreSQL refuses to build a tsvector whose lexemes and positions take more than 1 MB
("string is too long for tsvector"), and a page whose search entry cannot be written
cannot be published. Counting characters is no safe bound: a distinct word costs its
bytes in UTF-8 plus a few bytes of overhead, a hyphenated word is stored whole and in
parts, and repeated words cost almost nothing. So text is measured here as PostgreSQL
builds the vector, from above:

- every distinct lower-cased run of letters and digits costs its UTF-8 bytes plus 5
  (alignment, the position count and one position);
- a whitespace-separated chunk holding more than one run is also stored whole: once for
  words joined by hyphens (``multi-agency``), twice and with three lexemes' overhead for
  anything else (a web address is stored whole, as its host and as its path);
- every further occurrence in a text's first 16,384 chunks costs 2 bytes for its position;
  PostgreSQL keeps no positions past 16,383, except one at 16,383 for each word found there
  again, so a word seen before costs 2 bytes once more later on.

Stemming and stop words only make the real vector smaller. Measured on PostgreSQL 15
(tests/search/test_large_documents.py): the estimate is always above the real size.

When the documents of one page are over ``DOCUMENT_TEXT_BUDGET`` together, the budget is
shared between them (a short document keeps all its text and leaves the rest to the
others), and a document cut to its share keeps its beginning and its end, so the words
of its summary and of its last page (conclusions, recommendations, appendices) are still
found.
"""

import functools
import re

# PostgreSQL's limit on a tsvector's lexemes and positions (MAXSTRPOS).
TSVECTOR_LIMIT = (1 << 20) - 1
# What documents may use of a search entry; the rest is left for the page's title,
# summary, body and other fields, which share the same vector.
DOCUMENT_TEXT_BUDGET = 700_000

_RUN = re.compile(r"[^\W_]+")
_OVERHEAD = 5  # alignment, the count of positions, the first position
_POSITION = 2
_POSITIONED_CHUNKS = 16_384


def _lexemes(chunk):
    """``(lexeme, bytes)`` pairs: what ``chunk`` may add to a tsvector, at most."""
    if chunk.isalnum():  # one run: most words
        lexeme = chunk.lower()
        return ((lexeme, len(lexeme.encode()) + _OVERHEAD),)
    runs = [run.lower() for run in _RUN.findall(chunk)]
    lexemes = [(run, len(run.encode()) + _OVERHEAD) for run in runs]
    if len(runs) > 1:
        whole = chunk.lower()
        between_runs = _RUN.split(whole)[1:-1]
        if all(separator == "-" for separator in between_runs):
            lexemes.append((whole, len(whole.encode()) + _OVERHEAD))
        else:
            lexemes.append((whole, 2 * len(whole.encode()) + 3 * _OVERHEAD))
    return lexemes


class _Meter:
    """The estimated size of a tsvector, kept up to date as chunks are added."""

    def __init__(self):
        self.seen = set()
        self.at_limit = set()  # words already charged their position at 16,383
        self.size = 0

    def cost(self, chunk, positioned):
        cost = 0
        new, at_limit = set(), set()
        for lexeme, size in _lexemes(chunk):
            if lexeme not in self.seen and lexeme not in new:
                new.add(lexeme)
                cost += size
            elif positioned:
                cost += _POSITION
            elif lexeme not in self.at_limit and lexeme not in at_limit:
                at_limit.add(lexeme)
                cost += _POSITION
        return cost, (new, at_limit)

    def add(self, cost, lexemes):
        new, at_limit = lexemes
        self.size += cost
        self.seen |= new
        self.at_limit |= at_limit


@functools.lru_cache(maxsize=16)  # a review's documents are measured on every save
def tsvector_size(text):
    """An upper bound on the bytes PostgreSQL's tsvector of ``text`` takes."""
    chunks = text.split()
    meter = _Meter()
    for chunk in chunks[:_POSITIONED_CHUNKS]:
        meter.add(*meter.cost(chunk, positioned=True))
    # Past the positions PostgreSQL keeps, order no longer matters: each word costs
    # its bytes once, or one last position if it was seen before.
    later = dict(lexeme for chunk in set(chunks[_POSITIONED_CHUNKS:]) for lexeme in _lexemes(chunk))
    meter.size += sum(_POSITION if lexeme in meter.seen else size for lexeme, size in later.items())
    return meter.size


@functools.lru_cache(maxsize=16)
def _cut(text, budget):
    """``text`` cut to at most ``budget`` bytes of tsvector: its beginning, then its end
    (words only: line breaks do not matter to the index)."""
    chunks = text.split()
    meter = _Meter()
    head_end = 0
    for number, chunk in enumerate(chunks):
        cost, lexemes = meter.cost(chunk, number < _POSITIONED_CHUNKS)
        if meter.size + cost > budget // 2:
            break
        meter.add(cost, lexemes)
        head_end = number + 1
    # The end is measured from the end backwards; the positions its words take depend on
    # how long the beginning is, so they all count when the beginning is short.
    short_head = head_end < _POSITIONED_CHUNKS
    tail_start = len(chunks)
    for number, chunk in enumerate(reversed(chunks[head_end:])):
        cost, lexemes = meter.cost(chunk, short_head or number < _POSITIONED_CHUNKS)
        if meter.size + cost > budget:
            break
        meter.add(cost, lexemes)
        tail_start -= 1
    return "\n".join(part for part in (" ".join(chunks[:head_end]), " ".join(chunks[tail_start:])) if part)


def shares(sizes, budget):
    """Each text's share of ``budget``: what it needs, or an equal part of what is left
    once the smaller texts have what they need."""
    result = [0] * len(sizes)
    left = budget
    order = sorted(range(len(sizes)), key=sizes.__getitem__)
    for position, index in enumerate(order):
        result[index] = min(sizes[index], left // (len(sizes) - position))
        left -= result[index]
    return result


def fit(texts, budget=DOCUMENT_TEXT_BUDGET):
    """The ``texts`` (one per document) joined for a search entry, within ``budget``."""
    texts = [text for text in texts if text]
    sizes = [tsvector_size(text) for text in texts]
    if sum(sizes) <= budget:
        return "\n".join(texts)
    kept = (
        text if size <= share else _cut(text, share)
        for text, size, share in zip(texts, sizes, shares(sizes, budget), strict=True)
    )
    return "\n".join(kept)

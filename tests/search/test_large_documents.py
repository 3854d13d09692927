"""Long, high-vocabulary documents never stop a review being published, and the words of
each document's last page are still found.

PostgreSQL refuses a tsvector over 1 MB ("string is too long for tsvector"). The
measurements against PostgreSQL's own ``to_tsvector`` run only there; the rest runs on
any database (SQLite's full-text index has no such limit, so there it checks the cut
text is still found).
"""

import functools
import random
import re
import string

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from fpdf import FPDF

from core import document_text, search_text
from core.models import CSPDocument
from dhr.models import ReviewDocument, ReviewPage
from tests.dhr.builders import make_index, review_fields

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's tsvector limit")

CHARS_PER_DOCUMENT = 400_000
LINE = 95  # characters a line of the generated PDF holds
LINES_PER_PAGE = 55


def distinct_words(rng, chars, alphabet=string.ascii_lowercase):
    """About ``chars`` characters of words that almost never repeat (the worst case for a
    tsvector: every word is a new lexeme)."""
    words, length = [], 0
    while length < chars:
        word = "".join(rng.choice(alphabet) for _ in range(rng.randint(4, 11)))
        words.append(word)
        length += len(word) + 1
    return words


def hyphenated(words):
    """``words`` in pairs joined by a hyphen: stored whole and as both parts."""
    return " ".join(f"{first}-{second}" for first, second in zip(words[::2], words[1::2], strict=False))


def lines_of(words):
    lines, line = [], []
    for word in words:
        if sum(len(w) + 1 for w in line) + len(word) > LINE:
            lines.append(" ".join(line))
            line = []
        line.append(word)
    return [*lines, " ".join(line)]


def long_pdf(words):
    """A real PDF of ``words``, ``LINES_PER_PAGE`` lines a page."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Courier", size=7)
    for number, line in enumerate(lines_of(words)):
        if number % LINES_PER_PAGE == 0:
            pdf.add_page()
        pdf.cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def real_size(text):
    """The bytes of PostgreSQL's tsvector of ``text`` (its lexemes and positions), from
    the size of the value or, over the limit, from PostgreSQL's own refusal."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_column_size(v) - 8 - 4 * length(v) FROM (SELECT to_tsvector(%s) AS v) AS vector",
                [text],
            )
            return cursor.fetchone()[0]
    except DatabaseError as error:
        return int(re.search(r"\((\d+) bytes", str(error)).group(1))


# Estimate ------------------------------------------------------------------------


KINDS = [
    "English-like words",
    "Short words",
    "Hyphenated words",
    "Cyrillic",
    "Welsh accents",
    "Web addresses",
    "Capitals and punctuation",
    "Repeated words",
    "Addresses, then repeated words",
]


@functools.cache
def high_vocabulary_texts():
    rng = random.Random(16)
    ascii_words = " ".join(distinct_words(rng, 300_000))
    return {
        "English-like words": ascii_words,
        "Short words": " ".join(distinct_words(rng, 150_000, "abc")),
        "Hyphenated words": hyphenated(distinct_words(rng, 300_000)),
        "Cyrillic": " ".join(distinct_words(rng, 200_000, "абвгдежзиклмнопрстуфхцчшщыэюя")),
        "Welsh accents": " ".join(distinct_words(rng, 200_000, "abcdefghilmnoprstuwyâêîôûŵŷ")),
        "Web addresses": " ".join(f"https://{w}.org.uk/{w}" for w in distinct_words(rng, 150_000)),
        "Capitals and punctuation": " ".join(distinct_words(rng, 200_000, string.ascii_letters + "'.,_")),
        "Repeated words": " ".join(rng.choice(["review", "panel", "agency"]) for _ in range(100_000)),
        "Addresses, then repeated words": " ".join(
            [f"https://{w}.org.uk/{w}" for w in distinct_words(rng, 60_000)]
            + [rng.choice(["review", "panel", "agency", "police", "health"]) for _ in range(200_000)]
        ),
    }


@on_postgres
@pytest.mark.parametrize("kind", KINDS)
def test_the_estimate_is_never_below_postgresqls_real_size(kind):
    text = high_vocabulary_texts()[kind]

    estimate, real = search_text.tsvector_size(text), real_size(text)

    assert estimate >= real
    assert estimate <= real * 2 + 40_000, "so far above it that little text would be kept"


@on_postgres
@pytest.mark.parametrize("kind", KINDS)
def test_text_cut_to_a_budget_is_within_it_on_postgresql(kind):
    text = high_vocabulary_texts()[kind]
    budget = search_text.tsvector_size(text) // 3

    assert real_size(search_text.fit([text], budget=budget)) <= budget


@on_postgres
def test_counting_characters_would_not_be_safe():
    # 600,000 characters of hyphenated words is over PostgreSQL's limit, although a
    # limit of 1,000,000 characters (the former one) would have let it through.
    rng = random.Random(3)
    text = hyphenated(distinct_words(rng, 600_000))

    assert len(text) < 1_000_000
    assert real_size(text) > search_text.TSVECTOR_LIMIT
    assert real_size(search_text.fit([text])) <= search_text.DOCUMENT_TEXT_BUDGET


# Fitting -------------------------------------------------------------------------


def test_texts_within_the_budget_are_kept_whole():
    texts = ["First report words.", "Second report words."]

    assert search_text.fit(texts) == "First report words.\nSecond report words."


def test_a_cut_document_keeps_its_beginning_and_its_end():
    words = distinct_words(random.Random(1), 200_000)
    budget = search_text.tsvector_size(" ".join(words)) // 3

    kept = search_text.fit([" ".join(words)], budget=budget).split()

    assert kept[:100] == words[:100]
    assert kept[-100:] == words[-100:]
    assert len(kept) < len(words) / 2
    assert search_text.tsvector_size(" ".join(kept)) <= budget


def test_a_short_document_keeps_all_its_text_and_the_long_ones_share_the_rest():
    rng = random.Random(2)
    short = " ".join(distinct_words(rng, 2_000))
    long_ones = [distinct_words(rng, 300_000) for _ in range(2)]
    budget = 300_000

    kept = search_text.fit([" ".join(long_ones[0]), short, " ".join(long_ones[1])], budget=budget)

    assert short in kept
    for words in long_ones:
        assert " ".join(words[:50]) in kept and " ".join(words[-50:]) in kept
    assert search_text.tsvector_size(kept) <= budget


def test_shares_give_small_texts_what_they_need():
    assert search_text.shares([10, 500, 900], 600) == [10, 295, 295]
    assert search_text.shares([100, 100], 600) == [100, 100]


def test_a_documents_own_search_text_is_within_the_budget():
    document = CSPDocument(
        title="Long report", text_content=" ".join(distinct_words(random.Random(4), 900_000))
    )

    assert search_text.tsvector_size(document.search_text_content()) <= search_text.DOCUMENT_TEXT_BUDGET


# Publishing ----------------------------------------------------------------------


def test_a_review_with_three_long_documents_publishes_and_is_found_by_its_last_page(home_page, client):
    rng = random.Random(400)
    index = make_index(home_page)
    review = ReviewPage(live=False, slug="long-documents", **review_fields("Avery"))
    index.add_child(instance=review)
    last_pages = []
    for order, kind in enumerate(["executive_summary", "overview_report", "action_plan"]):
        words = distinct_words(rng, CHARS_PER_DOCUMENT)
        document = CSPDocument(title=f"Long {kind}")
        document.file.save(f"long-{kind}.pdf", ContentFile(long_pdf(words)), save=False)
        document.save()
        assert len(document.text_content) >= CHARS_PER_DOCUMENT - 1000
        last_pages.append(lines_of(words)[-1].split())
        review.documents.add(ReviewDocument(document=document, kind=kind, sort_order=order))

    review.save_revision().publish()  # on PostgreSQL, this failed with "string is too long for tsvector"

    review.refresh_from_db()
    assert review.live
    if connection.vendor == "postgresql":
        assert real_size(review.search_document_text()) <= search_text.DOCUMENT_TEXT_BUDGET
    for words in last_pages:
        assert words[-1] in review.search_document_text()
    html = BeautifulSoup(client.get("/search/", {"q": last_pages[-1][-1]}).content, "html.parser")
    found = [a.get_text(strip=True) for a in html.select(".app-search-result__title a")]
    assert found == [review.title]


# Reading long PDFs ---------------------------------------------------------------


def pages_pdf(count):
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for number in range(1, count + 1):
        pdf.add_page()
        pdf.cell(text=f"Text of page {number} here.")
    return ContentFile(bytes(pdf.output()), name="long.pdf")


def test_a_pdf_with_more_pages_than_are_read_keeps_its_first_and_last_pages():
    page_count, text = document_text.read_pdf(pages_pdf(document_text.MAX_PAGES_FOR_TEXT + 20), "pdf")

    assert page_count == document_text.MAX_PAGES_FOR_TEXT + 20
    assert "page 1 here" in text and "page 150 here" in text
    assert "page 320 here" in text and "page 171 here" in text
    assert "page 160 here" not in text


def test_a_pdf_with_more_text_than_is_kept_keeps_its_beginning_and_end(monkeypatch):
    monkeypatch.setattr(document_text, "MAX_TEXT_CHARS", 200)

    _page_count, text = document_text.read_pdf(pages_pdf(40), "pdf")

    assert len(text) <= 201
    assert "page 1 here" in text and "page 40 here" in text
    assert "page 20 here" not in text


def test_a_document_whose_text_is_over_the_limit_is_still_saved_and_indexed():
    # 500,000 characters (what is kept of a PDF's text) of distinct Cyrillic words take
    # about 1.1 MB of tsvector: over PostgreSQL's limit when indexed whole.
    words = distinct_words(random.Random(5), document_text.MAX_TEXT_CHARS, "абвгдежзиклмнопрстуфхцчшщыэюя")
    document = CSPDocument(title="Leaflet")
    document.file.save("leaflet.pdf", ContentFile(long_pdf(["Leaflet"])), save=False)
    document.save()

    document.text_content = " ".join(words)[: document_text.MAX_TEXT_CHARS]
    document.save()  # Wagtail indexes the document on save

    if connection.vendor == "postgresql":
        assert real_size(document.text_content) > search_text.TSVECTOR_LIMIT
        assert real_size(document.search_text_content()) <= search_text.DOCUMENT_TEXT_BUDGET
    assert CSPDocument.objects.search(words[-2]).count() == 1

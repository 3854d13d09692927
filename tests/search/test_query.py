"""What reaches the search engine from the search box, and how matches are highlighted."""

import pytest

from search.query import (
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    clean_query,
    highlight,
    query_terms,
    searched_terms,
    suggests_helplines,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  section   17 ", "section 17"),
        ("a\x00b\x01c", "a b c"),
        ("line\nbreak\ttab", "line break tab"),
        ("ｆｕｌｌ ｗｉｄｔｈ", "full width"),
        ("x" * 1000, "x" * MAX_QUERY_LENGTH),
    ],
)
def test_clean_query_is_printable_single_spaced_and_bounded(raw, expected):
    assert clean_query(raw) == expected


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("Section 17", ["section", "17"]),
        ('"Lesley" review', ["lesley", "review"]),
        ("&|!()*: prevent", ["prevent"]),
        ("anti-social behaviour", ["anti", "social", "behaviour"]),
        ("help 😀 me", ["help", "me"]),
        ("snake_case __ words", ["snake", "case", "words"]),
        ("abuse ABUSE Abuse", ["abuse"]),
        ("Cymraeg: Partneriaeth Diogelwch Cymunedol", ["cymraeg", "partneriaeth", "diogelwch", "cymunedol"]),
        ("😀 && !!", []),
    ],
)
def test_only_words_reach_the_search_engine(query, terms):
    assert query_terms(query) == terms


def test_number_of_terms_is_bounded():
    assert len(query_terms(" ".join(f"word{n}" for n in range(50)))) == MAX_TERMS


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        (["domestic", "homicide"], True),
        (["abused"], True),
        (["dhr"], True),
        (["stalking"], True),
        (["road", "safety"], False),
        (["privacy"], False),
    ],
)
def test_helplines_follow_abuse_related_words(terms, expected):
    assert suggests_helplines(terms) is expected


def test_highlight_marks_words_starting_with_a_term_ignoring_case():
    html = highlight("Abuse and domestic abusers; disabuse.", ["abuse"])
    assert html == "<mark>Abuse</mark> and domestic <mark>abusers</mark>; disabuse."


def test_highlight_escapes_everything_else():
    html = highlight('<script>alert("x")</script> safety & <b>care</b>', ["safety", "script"])
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;<mark>script</mark>&gt;" in html
    assert "<mark>safety</mark> &amp; &lt;b&gt;care" in html


def test_highlight_never_matches_inside_an_entity():
    html = highlight("Fish & chips", ["amp", "quot"])
    assert html == "Fish &amp; chips"


def test_highlight_treats_terms_as_text_not_patterns():
    assert highlight("a.b a+b", ["a"]) == "<mark>a</mark>.b <mark>a</mark>+b"
    assert highlight("costs (2024)", [".*"]) == "costs (2024)"


def test_highlight_without_terms_only_escapes():
    assert highlight("<i>x</i>", []) == "&lt;i&gt;x&lt;/i&gt;"


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("how do i get a copy of a review", ["copy", "review"]),
        ("where is the partnership plan", ["partnership", "plan"]),
        ("sut mae cael copi", ["mae", "cael", "copi"]),
        ("how do i", ["how", "do", "i"]),  # nothing else left: searched as typed
        ("domestic abuse", ["domestic", "abuse"]),
    ],
)
def test_pages_are_searched_without_the_question_words(typed, searched):
    assert searched_terms(query_terms(typed)) == searched

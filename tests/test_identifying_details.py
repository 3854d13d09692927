"""Identifying details are found however the text writes them, and only as whole words."""

import time

import pytest

from core.identifying_details import Finding, Kind, Place, find_details, normalise, parse_details


def found(detail, text):
    return bool(find_details([detail], [Place(Kind.TEXT, text, page=1)]))


def test_parse_details_trims_and_drops_blanks_and_duplicates():
    text = "  Margaret Haworth \n\nHAWORTH\nhaworth\nHaworth.\n---\n14 Acacia Avenue\n"
    assert parse_details(text) == ["Margaret Haworth", "HAWORTH", "14 Acacia Avenue"]


@pytest.mark.parametrize(
    "text",
    [
        "the review of MARGARET HAWORTH",  # capitals
        "Margaret\nHaworth",  # across a line break
        "Margaret Ha-\nworth",  # hyphenated at a line end
        "Margaret Ha\u00ad\r\nworth",  # a soft hyphen at a line end
        "Margaret Ha\ufffeworth",  # pdfium's mark for a hyphen at a line end
        "Margaret Haworth's family",  # possessive
        "Margaret Haworth\u2019s family",  # possessive, typographic apostrophe
        "(Margaret) Haworth",  # punctuation
    ],
)
def test_a_name_is_found_however_it_is_written(text):
    assert found("Margaret Haworth", text)


def test_plural_possessive_and_accents():
    assert found("Haworth", "the Haworths\u2019 house")
    assert found("Haworth", "the Haworths' house")
    assert found("José Núñez", "JOSE NUNEZ")
    assert found("Jose Nunez", "José Núñez")
    assert found("Siân", "Sian")
    assert found("Sian", "Sia\u0302n")  # combining circumflex


def test_hyphenated_names_still_match_when_split_at_a_line_end():
    assert found("Smith-Jones", "Smith-\nJones")
    assert found("Smith-Jones", "Smith Jones")


def test_run_together_words_in_a_file_name_are_read_apart():
    places = [Place(Kind.FILE_NAME, "DHR_MargaretHaworth_v2.pdf", where="file name")]
    assert find_details(["Margaret Haworth"], places) == [Finding(1, Kind.FILE_NAME, None, "file name")]
    # Not in running text, where "McDonald" must not be read as "Mc Donald".
    assert not found("Donald", "Agencies met at McDonald House")


def test_a_kind_given_as_its_value_is_the_same_kind():
    places = [Place(Kind.TEXT, "Margaret Haworth", page=2), Place("text", "Margaret Haworth", page=2)]
    assert find_details(["Margaret Haworth"], places) == [Finding(1, Kind.TEXT, 2, "")]
    assert find_details(["x"], [Place("file name", "aXy.pdf")]) == []


def test_whole_words_only():
    assert not found("Ann", "Annual report 2024")
    assert not found("Ann", "Joanna")
    assert found("Ann", "Ann's sister")
    assert not found("Haworth", "Haworthia plants")


def test_addresses_and_dates_ignore_punctuation_and_line_breaks():
    assert found("14 Acacia Avenue", "of 14 Acacia\nAvenue, Leeds")
    assert found("14 Acacia Avenue", "of 14, Acacia Avenue")
    assert not found("14 Acacia Avenue", "of 145 Acacia Avenue")
    assert found("12/03/1980", "born 12.03.1980")
    assert found("12/03/1980", "born 12-03-1980")
    assert not found("12/03/1980", "born 12/03/1981")


@pytest.mark.parametrize(
    "text",
    ["12 March 1980", "12th of March, 1980", "March 12, 1980", "12 Mar 80", "1980-03-12", "12 Mawrth 1980"],
)
def test_a_date_of_birth_is_found_written_out(text):
    assert found("12/03/1980", f"She was born on {text} in Leeds.")
    assert found("3.3.1980", text.replace("12", "3"))


@pytest.mark.parametrize(
    "text", ["12 April 1980", "March 1980", "13 March 1980", "112 March 1980", "12 03 1981"]
)
def test_other_dates_are_not_the_date_of_birth(text):
    assert not found("12/03/1980", text)


def test_normalise():
    assert normalise("Haw-\nworth’s  HOUSE, 14") == "hawworths house 14"
    assert normalise("Ça\u00a0va!") == "ca va"


def test_findings_name_the_detail_by_number_never_its_text():
    details = ["Margaret Haworth", "Acacia Avenue", "Not present"]
    places = [
        Place(Kind.TEXT, "Nothing here", page=1),
        Place(Kind.TEXT, "Margaret Haworth lived on Acacia Avenue", page=7),
        Place(Kind.TEXT, "Margaret Haworth again", page=7),
        Place(Kind.METADATA, "Margaret Haworth", where="Author"),
    ]
    assert find_details(details, places) == [
        Finding(1, Kind.TEXT, 7, ""),
        Finding(1, Kind.METADATA, None, "Author"),
        Finding(2, Kind.TEXT, 7, ""),
    ]
    assert all("Haworth" not in repr(finding) for finding in find_details(details, places))


def test_matching_a_long_report_is_fast():
    words = [
        "the",
        "panel",
        "considered",
        "the",
        "agencies",
        "involved",
        "and",
        "the",
        "support",
        "offered",
        "to",
        "the",
        "family",
    ]
    page = " ".join(words[i % len(words)] for i in range(600))
    places = [Place(Kind.TEXT, page + f" page {n}", page=n) for n in range(1, 201)]
    places[150] = Place(Kind.TEXT, page + " Margaret Ha-\nworth", page=151)
    details = [f"Person{n} Surname{n}" for n in range(19)] + ["Margaret Haworth"]
    start = time.perf_counter()
    findings = find_details(details, places)
    assert time.perf_counter() - start < 1
    assert findings == [Finding(20, Kind.TEXT, 151, "")]

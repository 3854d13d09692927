"""Whole numbers from requests are read one way (core/numbers.py)."""

import pytest
from django.urls import resolve, reverse

from core.numbers import MAX_ID, parse_positive_int


@pytest.mark.parametrize(
    "value",
    [
        "",
        None,
        "0",
        "-1",
        "+1",
        " 1",
        "1 ",
        "1.5",
        "1e3",
        "0x10",
        "²",
        "①",
        "٢٠٢٤",
        "２",
        "1\x00",
        "9" * 400,
        "11",
    ],
)
def test_anything_but_ascii_digits_from_one_to_the_maximum_is_not_a_number(value):
    assert parse_positive_int(value, 10) is None


@pytest.mark.parametrize(("value", "number"), [("1", 1), ("10", 10), ("007", 7)])
def test_ascii_digits_within_the_bounds_are_read(value, number):
    assert parse_positive_int(value, 10) == number


def test_ids_up_to_the_largest_bigint_are_read():
    assert parse_positive_int(str(MAX_ID), MAX_ID) == MAX_ID
    assert parse_positive_int(str(MAX_ID + 1), MAX_ID) is None


@pytest.mark.django_db
def test_document_addresses_take_ascii_ids_only():
    """Wagtail's own document pattern takes any Unicode digits; the site's takes an id."""
    assert reverse("wagtaildocs_serve", args=(12, "report.pdf")) == "/documents/12/report.pdf"
    assert resolve("/documents/12/report.pdf").kwargs == {
        "document_id": 12,
        "document_filename": "report.pdf",
    }


def arabic_indic(number):
    return "".join(chr(0x660 + int(digit)) for digit in str(number))


@pytest.mark.django_db
def test_a_document_address_with_anything_but_its_id_is_not_found(client):
    from tests.dhr.builders import make_document

    document = make_document("Annual report")
    assert client.get(document.url).status_code == 200

    # Its own id in Arabic-Indic digits (Python's int() reads them), or no id at all.
    for document_id in [arabic_indic(document.pk), "²", "9" * 30, "0"]:
        response = client.get(f"/documents/{document_id}/{document.filename}")
        assert response.status_code == 404, document_id

"""Whole numbers read from a request (``?page=``, ``?review=``, ``?year=``, ids in
addresses), all read one way: ASCII digits only, from 1 up to a bound.

``str.isdigit`` and ``int`` are not enough on their own: ``"²".isdigit()`` is true but
``int("²")`` fails, ``int("٢٠٢٤")`` is 2024, and ``int`` reads a number of any length,
which the database cannot compare with an id. Views treat ``None`` as "not given" or
answer 400 or 404 as they already do for a bad value."""

from django.urls import register_converter

# Larger than any id PostgreSQL's bigint holds, so every id fits, and short enough to
# refuse a number of a thousand digits before converting it.
MAX_ID = 2**63 - 1


def parse_positive_int(value, maximum):
    """``value`` (a string, or None) as a whole number from 1 to ``maximum`` written in
    ASCII digits, or None when it is anything else."""
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()):
        return None
    significant = value.lstrip("0")
    if len(significant) > len(str(maximum)):
        return None
    number = int(significant or "0")
    return number if 1 <= number <= maximum else None


class IdConverter:
    """``<id:name>`` in a URL pattern: an id, read by ``parse_positive_int``. Anything
    else in its place matches no pattern, so the address is a 404."""

    regex = f"[0-9]{{1,{len(str(MAX_ID))}}}"

    def to_python(self, value):
        number = parse_positive_int(value, MAX_ID)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")

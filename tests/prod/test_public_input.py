"""Property test: random paths, query strings and headers on every kind of public URL
never cause a server error and are never echoed back unescaped. Every parameter a public
view reads is among them, numbers included (core/numbers.py): Unicode digits, huge
numbers and repeated parameters get a 4xx or are treated as absent, never a 5xx.

A fixed, derandomised budget (40 examples for each kind of URL) so CI runs the same
examples every time."""

from urllib.parse import quote

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dhr.models import DHRIndexPage, RequestCopyFormPage, ReviewDocument, ReviewPage
from duties.models import DutyIndexPage, WorkstreamIndexPage

pytestmark = pytest.mark.django_db

# Put into inputs so an unescaped echo is easy to spot: escaped, it reads "&lt;zq9".
MARKER = "\"'><zq9 onload=x>"
RAW_ECHO = b"<zq9"

PUBLIC_PATHS = [
    "/",
    "/privacy-notice/",
    "/search/",
    "/sitemap.xml",
    "/healthz",
    "/no-such-page/",
    "/documents/999999/missing.pdf",
    "/cy/",
    "/_util/authenticate_with_password/999999/999999/",
]
# Public views of the demo site's sections, found once the demo content is loaded.
SECTION_PATHS = {
    "dhr-listing": lambda: DHRIndexPage.objects.live().first().url,
    "dhr-review": lambda: ReviewPage.objects.live().first().url,
    "dhr-web-version": lambda: (
        ReviewDocument.objects.exclude(html_version="").filter(page__live=True).first().html_version_url
    ),
    "dhr-request-form": lambda: RequestCopyFormPage.objects.live().first().url,
    "dhr-document": lambda: ReviewDocument.objects.filter(page__live=True).first().document.url,
    "duties-workstreams": lambda: WorkstreamIndexPage.objects.live().first().url,
    "duties-index": lambda: DutyIndexPage.objects.live().first().url,
}

# Text without lone surrogates (they cannot be encoded into a request at all).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
header_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=60)
# Numbers as people and scripts write them: signs, decimals, other scripts' digits
# (superscript two, circled one, Arabic-Indic 2024), far too many digits.
AWKWARD_NUMBERS = [
    "-1", "0", "1.5", "1e309", "99999999999999999999999", "NaN", "0x10", "",
    "²", "①", "٢٠٢٤", "２", " 2", "2 ", "+2", "2024\n", "9" * 400,
]  # fmt: skip
awkward_numbers = st.sampled_from(AWKWARD_NUMBERS)
number_text = st.integers(min_value=-(10**30), max_value=10**30).map(str)
single_value = st.one_of(
    any_text, awkward_numbers, number_text, st.just(MARKER), any_text.map(lambda t: t + MARKER)
)
# A parameter given once or repeated (?page=1&page=²).
value = st.one_of(single_value, st.lists(single_value, min_size=2, max_size=3))
# Parameters the site's public views read (search: q, page, section; the review listing:
# year, review_type, page; the copy request form: review; workstreams: lead), each
# present or not, plus random other ones.
PUBLIC_PARAMETERS = (
    "q",
    "page",
    "section",
    "year",
    "review_type",
    "review",
    "lead",
    "p",
    "next",
    "utm_source",
)
known_params = st.fixed_dictionaries({}, optional=dict.fromkeys(PUBLIC_PARAMETERS, value))
other_params = st.dictionaries(keys=any_text, values=value, max_size=3)
query = st.tuples(other_params, known_params).map(lambda pair: {**pair[0], **pair[1]})
random_path = st.lists(st.one_of(any_text, st.just(MARKER), st.just(".."), st.just("%00")), max_size=4).map(
    lambda parts: "/" + "/".join(quote(part, safe="") for part in parts)
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_ACCEPT_LANGUAGE": st.one_of(header_text, st.sampled_from(["cy", "en-GB,en;q=0.9", "*;q=x"])),
        "HTTP_USER_AGENT": header_text,
        "HTTP_REFERER": st.one_of(header_text, st.just("https://evil.example/" + MARKER)),
        "HTTP_X_FORWARDED_FOR": header_text,
        "HTTP_X_FORWARDED_PROTO": header_text,
        "HTTP_COOKIE": header_text,
        "HTTP_ACCEPT": header_text,
        "HTTP_IF_NONE_MATCH": header_text,
        "HTTP_RANGE": header_text,
        "HTTP_HOST": st.one_of(st.just("localhost"), header_text),
    },
)


def paths_under(base):
    """The URL itself most of the time, sometimes with random segments after it."""
    return st.one_of(
        st.just(base),
        st.just(base),
        random_path.map(lambda extra: base.rstrip("/") + extra),
    )


PATH_STRATEGIES = {**{base: paths_under(base) for base in PUBLIC_PATHS}, "random-path": random_path}


def path_strategy(kind):
    if kind in SECTION_PATHS:
        return paths_under(SECTION_PATHS[kind]())
    return PATH_STRATEGIES[kind]


@pytest.mark.parametrize("kind", [*PATH_STRATEGIES, *SECTION_PATHS])
def test_public_urls_never_fail_or_echo_input_unescaped(demo_site, client, kind):
    path = path_strategy(kind)

    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(path=path, query=query, headers=headers)
    def check(path, query, headers):
        response = client.get(path, query, **headers)

        assert response.status_code < 500, (path, query, headers, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert RAW_ECHO not in body, (path, query, headers)
        for name, header_value in response.items():
            assert "<zq9" not in header_value, (name, header_value)
            assert "\n" not in header_value and "\r" not in header_value

    check()


def test_search_with_quotes_shows_the_query_back_escaped(client, demo_site):
    """The search page echoes the query (escaped), so the check above does look at
    echoes; and a double quote never reaches SQLite's full-text search (search/query.py)."""
    response = client.get("/search/", {"q": MARKER})

    assert response.status_code == 200
    assert b"&lt;zq9" in response.content
    assert RAW_ECHO not in response.content


def test_numbers_in_other_scripts_too_long_or_repeated_are_a_4xx_or_ignored_on_every_public_view(
    demo_site, client
):
    paths = list(PUBLIC_PATHS) + [find() for find in SECTION_PATHS.values()]
    for path in paths:
        for name in PUBLIC_PARAMETERS:
            for number in ["²", "①", "٢٠٢٤", "9" * 400, ["1", "²"]]:
                response = client.get(path, {name: number})
                assert response.status_code < 500, (path, name, number)


def test_the_listing_the_request_form_and_search_answer_other_scripts_digits_as_for_any_bad_value(
    demo_site, client
):
    listing = SECTION_PATHS["dhr-listing"]()
    form = SECTION_PATHS["dhr-request-form"]()
    review = ReviewPage.objects.live().first()

    # A year that is not one of the listing's: 400 with the site's error summary.
    response = client.get(listing, {"year": "٢٠٢٤"})
    assert response.status_code == 400
    assert b"govuk-error-summary" in response.content
    assert b"Choose a year from the list" in response.content
    # A page that is not a page: 404, as for ?page=0.
    assert client.get(listing, {"page": "²"}).status_code == 404
    assert client.get("/search/", {"q": "review", "page": "²"}).status_code == 404
    # A review that is not a review id: the form, with nothing filled in.
    response = client.get(form, {"review": "①"})
    assert response.status_code == 200
    title = escape(review.title).encode()
    assert title not in response.content
    assert title in client.get(form, {"review": str(review.pk)}).content

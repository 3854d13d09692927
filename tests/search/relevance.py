"""The relevance test set (``relevance.toml``) and how it is scored.

Each judged query names the page or pages (by path on the demo site) that should come
first; a help-seeking one also says the helplines must come before any result. Used by
``test_relevance.py`` and by ``bench/relevance.py``, which prints the figures.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

TEST_SET = Path(__file__).with_name("relevance.toml")


@dataclass(frozen=True)
class Judged:
    query: str
    kind: str
    nation: str
    first: tuple[str, ...]
    helplines: bool

    @property
    def url(self):
        prefix = "/cy" if self.nation == "wales-cy" else ""
        return f"{prefix}/search/?" + urlencode({"q": self.query})


@dataclass(frozen=True)
class Outcome:
    judged: Judged
    paths: tuple[str, ...]
    helplines_first: bool

    @property
    def rank(self):
        """Where the first right page came (1 for first), or ``None``. For a help-seeking
        query that names no page, the helplines are the right answer: 1 when they come
        before any result."""
        if not self.judged.first:
            return 1 if self.helplines_first else None
        return next((index for index, path in enumerate(self.paths, 1) if path in self.judged.first), None)

    @property
    def right_first(self):
        return self.rank == 1 and (self.helplines_first or not self.judged.helplines)

    @property
    def reciprocal_rank(self):
        if self.judged.helplines and not self.helplines_first:
            return 0.0
        return 1 / self.rank if self.rank else 0.0


def judged_queries(nation=None):
    """The test set, or only the queries for ``nation`` (``england``; ``wales`` and
    ``wales-cy`` both need the Wales demo, the second searches in Welsh)."""
    with TEST_SET.open("rb") as file:
        entries = tomllib.load(file)["query"]
    queries = [
        Judged(
            query=entry["q"],
            kind=entry["kind"],
            nation=entry.get("nation", "england"),
            first=tuple(entry["first"]),
            helplines=entry.get("helplines", False),
        )
        for entry in entries
    ]
    if nation is None:
        return queries
    wanted = {"england"} if nation == "england" else {"wales", "wales-cy"}
    return [judged for judged in queries if judged.nation in wanted]


def helplines_come_first(html):
    """True when the helplines box comes before the first result (or there is none)."""
    helplines = html.find('id="helplines-heading"')
    first_result = html.find('class="app-search-result')
    return helplines != -1 and (first_result == -1 or helplines < first_result)


def run(client, queries):
    outcomes = []
    for judged in queries:
        response = client.get(judged.url)
        assert response.status_code == 200, judged.url
        suggestion = response.context.get("suggestion")
        search = response.context.get("search")
        if suggestion and (not response.context["results"] or search and search.any_word):
            # What a reader does next, when no page has all the words: follow "Did you mean …?".
            response = client.get(judged.url.split("?")[0] + suggestion["url"])
        paths = tuple(urlsplit(result.url).path for result in response.context["results"])
        outcomes.append(Outcome(judged, paths, helplines_come_first(response.content.decode())))
    return outcomes


def mean_reciprocal_rank(outcomes):
    return sum(outcome.reciprocal_rank for outcome in outcomes) / len(outcomes)


def report(outcomes):
    """The figures and each query that missed, as lines of text."""
    right = sum(outcome.right_first for outcome in outcomes)
    lines = [
        f"judged queries: {len(outcomes)}",
        f"right page first: {right} ({right / len(outcomes):.0%})",
        f"mean reciprocal rank: {mean_reciprocal_rank(outcomes):.3f}",
    ]
    for outcome in outcomes:
        if not outcome.right_first:
            lines.append(
                f"  missed [{outcome.judged.kind}] {outcome.judged.query!r}: rank {outcome.rank}, "
                f"helplines first {outcome.helplines_first}, top {list(outcome.paths[:3])}"
            )
    return lines

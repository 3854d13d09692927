"""Running a reader's search: which pages may appear, promoted pages first, counts per
section and one page of results.

The number of SQL queries does not grow with the number of results: one for the
sections, one or two for the promotions, one for the counts per section (two when the
search falls back to "any of the words") and, for the page of results, one plus one per
page type shown.
"""

from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, get_page_models
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from core.pagination import CountedPaginator
from core.visibility import filter_searchable

from . import synonyms
from .query import searched_terms
from .sections import Section, SiteSections, all_sections

RESULTS_PER_PAGE = 10


def searchable_pages(root_page, at=None):
    """The pages under ``root_page`` (one site, in one language: the home page or its
    translation) that a reader may see now, by the one rule (``core.visibility``): a page
    drops out of search the moment it expires or comes down, whether or not
    ``publish_scheduled`` has run yet."""
    return filter_searchable(Page.objects.descendant_of(root_page, inclusive=True), at)


def _summary_tables():
    """Every page type with a summary column of its own (a page type inheriting one from
    another page type reads its parent's)."""
    models = []
    for model in get_page_models():
        try:
            field = model._meta.get_field("summary")
        except FieldDoesNotExist:
            continue
        if field.model is model:
            models.append(model)
    return models


def with_summaries(queryset):
    """``queryset`` of base pages, each with ``own_summary``: its page type's summary, read
    in the same query rather than loading each page type separately.

    One small subquery per page type, by primary key. In the select list, PostgreSQL
    evaluates them only for the rows the LIMIT keeps, after sorting; joining the page
    types' tables instead would join every page before the search narrows them down.
    Unordered: a page type's default order (the tree's) would join the page table into
    each subquery only to sort its one row."""
    return queryset.annotate(own_summary=_own_summary())


@cache
def _own_summary():
    """The expression for ``with_summaries``, built once: ``annotate`` resolves a copy of
    it for each query, and building the subqueries took longer than running them."""
    summaries = [
        Subquery(model._default_manager.filter(pk=OuterRef("pk")).order_by().values("summary")[:1])
        for model in _summary_tables()
    ]
    return Coalesce(*summaries, Value(""), output_field=CharField())


@dataclass
class Result:
    title: str
    url: str
    summary: str
    section: Section | None
    updated_at: object = None
    promoted: bool = False
    page_id: int | None = None


@dataclass
class SectionCount:
    section: Section | None  # None means every section
    count: int
    selected: bool


class SiteSearch:
    """One search of one site. ``terms`` must come from ``search.query.query_terms``."""

    def __init__(self, request, root_page, terms, section=None):
        self.request = request
        self.terms = terms
        self.query_string = " ".join(terms)  # as typed: promotions and the query log
        searched = searched_terms(terms)
        self.searched_string = " ".join(searched)
        # Each word, or phrase with synonyms, and what may stand in for it.
        self.slots = synonyms.expand(searched)
        self.highlight_terms = synonyms.slot_words(self.slots)
        self.section = section
        self.sections = SiteSections(root_page, request)
        self.pages = searchable_pages(root_page)
        self.backend = get_search_backend()
        self.any_word = False

        self.promotions = self._promotions()
        promoted_ids = [result.page_id for result in self.promotions if result.page_id]
        self.organic = self.pages.exclude(pk__in=promoted_ids) if promoted_ids else self.pages
        self.organic_counts = self.counts = Counter()

    def run(self, page_number):
        """Count the matches per section and fetch one page of results, as
        ``(page_of_results, results)``; raises ``EmptyPage`` beyond the last page."""
        with getattr(self.backend, "planned", nullcontext)():
            self.organic_counts = self._count_by_section()
            self.counts = self.organic_counts + Counter(
                result.section.key for result in self.promotions if result.section
            )
            page_of_results = self.paginate(page_number)
            return page_of_results, self.results_for(page_of_results)

    # Promotions -------------------------------------------------------------------------

    def _promotions(self):
        picks = list(
            SearchPromotion.objects.filter(query__query_string=normalise_query_string(self.query_string))
            .filter(Q(page__in=self.pages) | Q(page__isnull=True, external_link_url__gt=""))
            .order_by("sort_order", "pk")
        )
        page_ids = [pick.page_id for pick in picks if pick.page_id]
        pages = (
            {page.pk: page for page in with_summaries(self.pages.filter(pk__in=page_ids))} if page_ids else {}
        )
        promotions = []
        for pick in picks:
            if pick.page_id:
                page = pages.get(pick.page_id)
                if page is None:
                    continue
                result = self._result(page, promoted=True)
                result.summary = pick.description or result.summary
            else:
                result = Result(
                    title=pick.external_link_text or pick.external_link_url,
                    url=pick.external_link_url,
                    summary=pick.description,
                    section=None,
                    promoted=True,
                )
            promotions.append(result)
        return promotions

    # Matching pages ---------------------------------------------------------------------

    def _search(self, queryset):
        if synonyms.is_expanded(self.slots):
            return self.backend.search(synonyms.search_query(self.slots, self.any_word), queryset)
        return self.backend.search(self.searched_string, queryset, operator="or" if self.any_word else "and")

    def _count_by_section(self):
        """Matches per section key, from one query grouped by top-level page."""
        counts = self._count_by_top_level_path()
        if not counts and len(self.slots) > 1:
            # No page has every word: look for pages with any of them instead.
            self.any_word = True
            counts = self._count_by_top_level_path()
        by_section = Counter()
        for path, count in counts.items():
            by_section[self.sections.section_for(path).key] += count
        return by_section

    def _count_by_top_level_path(self):
        results = self._search(self.organic)
        if hasattr(results, "count_by_prefix"):
            return results.count_by_prefix("path", self.sections.prefix_length)
        return results.facet("path")  # backends without it (no FTS5): one row per page

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def selected_total(self):
        if self.section is None:
            return self.total
        return self.counts[self.section.key]

    def section_counts(self):
        """The "all results" entry, then each section with results, for the filter."""
        entries = [SectionCount(None, self.total, self.section is None)]
        for section in all_sections():
            if self.counts[section.key] or section == self.section:
                entries.append(SectionCount(section, self.counts[section.key], section == self.section))
        return entries

    def paginate(self, page_number):
        """The page of organic results; raises ``EmptyPage`` beyond the last page."""
        queryset = self.organic
        count = sum(self.organic_counts.values())
        if self.section is not None:
            queryset = queryset.filter(self.sections.filter_for(self.section))
            count = self.organic_counts[self.section.key]
        results = self._search(with_summaries(queryset))
        # A backend that can use the number of matches (counted above) is told it.
        if hasattr(results, "expect_matches"):
            results.expect_matches(count)
        paginator = CountedPaginator(results, RESULTS_PER_PAGE, count)
        return paginator.page(page_number)

    def results_for(self, page_of_results):
        """Promotions (on the first page) then this page's results, as ``Result`` objects."""
        results = []
        if page_of_results.number == 1:
            results = [
                promotion
                for promotion in self.promotions
                if self.section is None or promotion.section == self.section
            ]
        # list() rather than iterating the Page: Page iteration would end quietly on an
        # IndexError raised while the search runs.
        pages = list(page_of_results.object_list)
        results += [self._result(page) for page in pages]
        return results

    def _result(self, page, promoted=False):
        return Result(
            title=page.title,
            url=page.get_url(self.request),
            summary=page.own_summary or page.search_description,
            section=self.sections.section_for(page.path),
            updated_at=page.last_published_at,
            promoted=promoted,
            page_id=page.pk,
        )

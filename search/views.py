"""Site search at /search/?q=…&section=…&page=…

Any input gives a page or a clear 404, never a server error: the query is cleaned to
plain words, an unknown section shows every section, and a page number that is not a
whole number from 1, or is past the last page, is a 404.
"""

from django.core.paginator import EmptyPage
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from wagtail.models import Site

from core.pagination import pagination, requested_page_number
from core.visibility import filter_visible
from i18n.languages import localized_root

from . import spelling, synonyms
from .query import clean_query, query_terms, suggests_helplines
from .query_log import record_query
from .results import SiteSearch
from .sections import section_by_key, sections


def search_url(query, section=None, page=None):
    params = {"q": query}
    if section:
        params["section"] = section.key
    if page and page > 1:
        params["page"] = page
    return "?" + urlencode(params)


def search(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site is configured for this host")

    query = clean_query(request.GET.get("q", ""))
    terms = query_terms(query)
    section = section_by_key(request.GET.get("section", ""))

    context = {
        "search_query": query,
        "search_terms": terms,
        "search": None,
        "results": [],
        "show_helplines": bool(query) and (not terms or suggests_helplines(terms)),
        # A search by someone who may need help: the helplines come before any results.
        "helplines_first": bool(terms) and suggests_helplines(terms),
    }
    # The reader's language: the home page's translation is the root of that language's
    # pages, so results, sections and "browse instead" are all in that language.
    root = localized_root(site.root_page, request)
    if terms:
        site_search = SiteSearch(request, root, terms, section)
        try:
            page_of_results, results = site_search.run(requested_page_number(request))
        except EmptyPage as exc:
            raise Http404("There is no such page of search results") from exc
        if page_of_results.number == 1 and section is None:
            record_query(site_search.query_string)
        context.update(
            {
                "search": site_search,
                "section": section,
                "page_of_results": page_of_results,
                "results": results,
                "filters": [
                    {"entry": entry, "url": search_url(query, entry.section)}
                    for entry in site_search.section_counts()
                ],
                "pagination": pagination(page_of_results, lambda number: search_url(query, section, number)),
            }
        )
        context["search_terms"] = site_search.highlight_terms
        if suggests_helplines(site_search.highlight_terms):
            # A synonym of a help-seeking word.
            context["show_helplines"] = context["helplines_first"] = True
        if site_search.selected_total == 0 or (section is not None and section.show_helplines):
            context["show_helplines"] = True
        if site_search.total == 0 or site_search.any_word:
            # Few or no pages have the words: offer the closest words that pages use.
            # Neither synonyms nor help-seeking words are "corrected".
            known = synonyms.known_words() | {term for term in terms if suggests_helplines([term])}
            suggested = spelling.suggestion(terms, root, known=known)
            if suggested:
                context["suggestion"] = {"query": suggested, "url": search_url(suggested)}
    if query and not context["results"]:
        # Evaluated only by the "no results" page: the main sections, to browse instead.
        context["browse_pages"] = filter_visible(root.get_children().in_menu())
        context["no_results_notes"] = [
            section.no_results_note for section in sections() if section.no_results_note
        ]
    return TemplateResponse(request, "search/search.html", context)

"""Site search at /search/?q=…&section=…&page=…

Any input gives a page, never a server error: the query is cleaned to plain words, an
unknown section shows every section, a page number that is not a number shows the first
page, and a page past the last one is a 404.
"""

from django.core.paginator import EmptyPage
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from wagtail.models import Site

from core.visibility import filter_visible
from i18n.languages import localized_root

from .query import clean_query, query_terms, suggests_helplines
from .query_log import record_query
from .results import SiteSearch
from .sections import section_by_key, sections


def page_number_from(value):
    """A positive page number, or 1 for anything that is not a plain number."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit():
        return 1
    return int(value[:9]) if len(value) <= 9 else 10**9


def search_url(query, section=None, page=None):
    params = {"q": query}
    if section:
        params["section"] = section.key
    if page and page > 1:
        params["page"] = page
    return "?" + urlencode(params)


def pagination_items(page_of_results, query, section):
    if page_of_results.paginator.num_pages < 2:
        return []
    items = []
    for number in page_of_results.paginator.get_elided_page_range(
        page_of_results.number, on_each_side=1, on_ends=1
    ):
        if number == page_of_results.paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append(
                {
                    "number": number,
                    "url": search_url(query, section, number),
                    "current": number == page_of_results.number,
                }
            )
    return items


def search(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site is configured for this host")

    query = clean_query(request.GET.get("q", ""))
    terms = query_terms(query)
    section = section_by_key(request.GET.get("section", ""))
    page_number = page_number_from(request.GET.get("page"))

    context = {
        "search_query": query,
        "search_terms": terms,
        "search": None,
        "results": [],
        "show_helplines": bool(query) and (not terms or suggests_helplines(terms)),
    }
    # The reader's language: the home page's translation is the root of that language's
    # pages, so results, sections and "browse instead" are all in that language.
    root = localized_root(site.root_page, request)
    if terms:
        site_search = SiteSearch(request, root, terms, section)
        try:
            page_of_results, results = site_search.run(page_number)
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
                "pagination": pagination_items(page_of_results, query, section),
                "previous_url": search_url(query, section, page_of_results.number - 1)
                if page_of_results.has_previous()
                else "",
                "next_url": search_url(query, section, page_of_results.number + 1)
                if page_of_results.has_next()
                else "",
            }
        )
        if site_search.selected_total == 0 or (section is not None and section.show_helplines):
            context["show_helplines"] = True
    if query and not context["results"]:
        # Evaluated only by the "no results" page: the main sections, to browse instead.
        context["browse_pages"] = filter_visible(root.get_children().in_menu())
        context["no_results_notes"] = [
            section.no_results_note for section in sections() if section.no_results_note
        ]
    return TemplateResponse(request, "search/search.html", context)

"""Site search over live, public pages."""

from django.apps import apps
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Page

from home.models import BasePage

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """Trim, drop control characters and bound the length of a reader's query."""
    text = "".join(ch for ch in raw if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def add_summaries(pages):
    """Give each result its summary in one query, whatever mix of page types it holds.

    ``.specific()`` would cost a query per page type on the page of results, so the count
    would change with the query; one UNION over the page types' tables does not.
    """
    pages = list(pages)
    ids = [page.pk for page in pages]
    if not ids:
        return pages
    queries = [
        model.objects.filter(pk__in=ids).order_by().values_list("pk", "summary")
        for model in apps.get_models()
        if issubclass(model, BasePage)
    ]
    summaries = dict(queries[0].union(*queries[1:], all=True))
    for page in pages:
        page.summary = summaries.get(page.pk, "")
    return pages


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        # Pages past their expire_at are hidden before publish_scheduled unpublishes them.
        # The search backend cannot filter on expire_at itself, so exclude them by id.
        expired = Page.objects.filter(expire_at__lte=timezone.now()).values("pk")
        results = Page.objects.live().public().exclude(pk__in=expired).search(query)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_of_results = paginator.page(1)
    except EmptyPage as exc:
        if paginator.count:
            raise Http404("No such page of results") from exc
        page_of_results = paginator.page(1)
    page_of_results.object_list = add_summaries(page_of_results.object_list)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page_of_results},
    )

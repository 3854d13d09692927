"""Paging through a list: the page number a reader asks for in ``?page=``, a paginator
told the list's length, and the links between pages that components/pagination.html
shows (the DHR listing and search both use them)."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404

from .numbers import parse_positive_int

# No list on the site has a million pages; a larger number is not a page of it.
MAX_PAGE = 999_999


def requested_page_number(request):
    """The page number in ``?page=``: 1 when there is none, a 404 for anything but a
    whole number from 1 to ``MAX_PAGE`` (core/numbers.py)."""
    value = request.GET.get("page", "")
    if not value:
        return 1
    number = parse_positive_int(value, MAX_PAGE)
    if number is None:
        raise Http404("There is no such page.")
    return number


class CountedPaginator(Paginator):
    """A paginator told its total, which the caller already knows (from a grouped count),
    so paging costs no COUNT query of its own."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


@dataclass(frozen=True)
class PageLink:
    number: int = 0
    url: str = ""
    current: bool = False
    ellipsis: bool = False


@dataclass(frozen=True)
class Pagination:
    """What components/pagination.html shows: nothing when there is only one page."""

    links: list
    previous_url: str = ""
    next_url: str = ""


def pagination(page, url_for):
    """The links around ``page`` (a Django paginator page): the first and last pages, the
    ones either side of it and an ellipsis for each gap, with previous and next.
    ``url_for(number)`` gives the address of a page."""
    paginator = page.paginator
    if paginator.num_pages < 2:
        return Pagination(links=[])
    links = [
        PageLink(ellipsis=True)
        if number == paginator.ELLIPSIS
        else PageLink(number=number, url=url_for(number), current=number == page.number)
        for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return Pagination(
        links=links,
        previous_url=url_for(page.previous_page_number()) if page.has_previous() else "",
        next_url=url_for(page.next_page_number()) if page.has_next() else "",
    )

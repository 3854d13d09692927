"""The site's top-level pages (the home page's children), fetched once per request for
everything that needs them: the main navigation and search's sections."""

from core.visibility import annotate_visible


def top_level_pages(root, request=None):
    """Every child of ``root`` in tree order, each with ``visible`` and ``private`` (see
    ``core.visibility.annotate_visible``): one query, kept on ``request`` for the rest of it."""
    memo = getattr(request, "_cspsite_top_level_pages", None) if request is not None else None
    if memo is not None and memo[0] == root.pk:
        return memo[1]
    pages = list(annotate_visible(root.get_children()).order_by("path"))
    if request is not None:
        request._cspsite_top_level_pages = (root.pk, pages)
    return pages


def menu_pages(root, request=None):
    """The top-level pages in the main navigation: those a reader may see, marked "show in menus"."""
    return [
        page
        for page in top_level_pages(root, request)
        if page.visible and page.show_in_menus and not page.private
    ]

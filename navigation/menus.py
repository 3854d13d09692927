"""The site's top-level pages (the home page's children), fetched once per request for
everything that needs them: the main navigation and search's sections."""

from core.request_memo import memo
from core.visibility import annotate_visible


def top_level_pages(root, request=None):
    """Every child of ``root`` in tree order, each with ``visible`` and ``private`` (see
    ``core.visibility.annotate_visible``): one query, kept on ``request`` for the rest of it."""
    return memo(
        request,
        ("top_level_pages", root.pk),
        lambda: list(annotate_visible(root.get_children()).order_by("path")),
    )


def menu_pages(root, request=None):
    """The top-level pages in the main navigation: those a reader may see, marked "show in menus"."""
    return [
        page
        for page in top_level_pages(root, request)
        if page.visible and page.show_in_menus and not page.private
    ]

"""Breadcrumbs without a database query for pages reached through Wagtail's routing."""


def routed_ancestors(page):
    """The pages between the site root (included) and ``page``, taken from the parents
    Wagtail's routing has already loaded, or ``None`` if the chain is not cached (for
    example in a preview), in which case the usual breadcrumbs tag is used."""
    chain = []
    while page.depth > 2:
        parent = getattr(page, "_cached_parent_obj", None)
        if parent is None:
            return None
        chain.insert(0, parent)
        page = parent
    return chain

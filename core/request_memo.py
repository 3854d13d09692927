"""Values worked out once per request and shared by everything that renders it (the site
root, its top-level pages, the language versions of the page...), kept in one dict on
the request so they are named in one place and end with it."""

_ATTRIBUTE = "_cspsite_memo"


def memo(request, key, compute):
    """``compute()`` the first time ``key`` is asked for during ``request``, the same value
    after that. Without a request (``None``) nothing is kept: ``compute()`` every time."""
    if request is None:
        return compute()
    values = getattr(request, _ATTRIBUTE, None)
    if values is None:
        values = {}
        setattr(request, _ATTRIBUTE, values)
    if key not in values:
        values[key] = compute()
    return values[key]

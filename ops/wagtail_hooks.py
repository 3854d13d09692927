from wagtail import hooks

from ops.caching import is_cacheable_request


@hooks.register("is_request_cacheable")
def only_anonymous_public_requests(request, is_cacheable):
    """wagtail-cache already skips logged-in users and previews; also keep the admin,
    documents and the health check out of the page cache."""
    return bool(is_cacheable and is_cacheable_request(request))

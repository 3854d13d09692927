"""i18n.views.serve routes from the home page in the reader's language and hands Wagtail
the result through ``request._wagtail_route_for_request``, the attribute Wagtail's own
``Page.route_for_request`` documents as its per-request cache. If an upgrade stops reading
it, Welsh pages would be routed from the English home page: this fails first. Likewise
``request._wagtail_site``, where Wagtail keeps a request's site (ops/sites.py)."""

from wagtail.models import Page


def test_wagtail_serves_the_route_the_language_view_stored(rf):
    request = rf.get("/cy/hafan/")
    stored = object()
    request._wagtail_route_for_request = stored
    assert Page.route_for_request(request, "/cy/hafan/") is stored


def test_wagtail_finds_the_site_the_site_middleware_stored(rf, db, django_assert_num_queries):
    # ops.sites.SiteMiddleware keeps anonymous readers' sites on the same attribute
    # Wagtail's Site.find_for_request caches them on; settings and routing ask that.
    from wagtail.models import Site

    request = rf.get("/")
    stored = Site(pk=123, hostname="stored.example.org")
    request._wagtail_site = stored
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is stored

"""i18n.views.serve routes from the home page in the reader's language and hands Wagtail
the result through ``request._wagtail_route_for_request``, the attribute Wagtail's own
``Page.route_for_request`` documents as its per-request cache. If an upgrade stops reading
it, Welsh pages would be routed from the English home page: this fails first."""

from wagtail.models import Page


def test_wagtail_serves_the_route_the_language_view_stored(rf):
    request = rf.get("/cy/hafan/")
    stored = object()
    request._wagtail_route_for_request = stored
    assert Page.route_for_request(request, "/cy/hafan/") is stored

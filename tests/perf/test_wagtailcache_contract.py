"""The contract between ops/wagtailcache_internals.py and the installed wagtail-cache: the
version it was written for, and the two undocumented behaviours ops/caching.py relies
on, checked on wagtail-cache's own middleware with nothing of ours in between."""

from importlib.metadata import version

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory
from wagtailcache.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware

from ops import wagtailcache_internals as internals

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.WAGTAIL_CACHE = True
    caches[settings.WAGTAIL_CACHE_BACKEND].clear()


def page(text="page"):
    response = HttpResponse(text)
    response["Cache-Control"] = "public, max-age=60"
    return response


def through_wagtailcache(view):
    """wagtail-cache's two middleware around ``view``, as in settings.MIDDLEWARE."""
    return UpdateCacheMiddleware(FetchFromCacheMiddleware(view))


def test_installed_wagtail_cache_is_the_version_the_internals_were_written_for():
    assert version("wagtail-cache") == internals.WRITTEN_FOR, (
        "wagtail-cache has changed: check ops/wagtailcache_internals.py against it, then update WRITTEN_FOR"
    )


def test_a_marked_response_comes_back_from_the_cache_with_its_mark():
    stored = page("first")
    internals.mark(stored, "the instant")
    middleware = through_wagtailcache(lambda request: stored)
    middleware(RequestFactory().get("/"))

    served = through_wagtailcache(lambda request: pytest.fail("not served from the cache"))(
        RequestFactory().get("/")
    )

    assert served.content == b"first"
    assert internals.marked(served) == "the instant"
    assert internals.marked(page()) is internals.UNMARKED


class StoringAgain(FetchFromCacheMiddleware):
    def process_request(self, request):
        if super().process_request(request) is not None:
            internals.store_again(request)
        return None


def test_store_again_has_wagtail_cache_render_and_store_the_page_anew():
    through_wagtailcache(lambda request: page("old"))(RequestFactory().get("/"))
    rendered = []

    def view(request):
        rendered.append(request)
        return page("new")

    response = UpdateCacheMiddleware(StoringAgain(view))(RequestFactory().get("/"))
    served = through_wagtailcache(lambda request: pytest.fail("not served from the cache"))(
        RequestFactory().get("/")
    )

    assert len(rendered) == 1
    assert response.content == served.content == b"new"

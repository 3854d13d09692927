"""Values kept for one request: worked out once, shared by everything that renders it,
gone with the request."""

from django.test import RequestFactory

from core.request_memo import memo


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return [self.calls]


def test_a_value_is_worked_out_once_per_request():
    request, compute = RequestFactory().get("/"), Counter()

    first = memo(request, "pages", compute)

    assert memo(request, "pages", compute) is first
    assert compute.calls == 1


def test_each_key_and_each_request_has_its_own_value():
    factory, compute = RequestFactory(), Counter()
    request = factory.get("/")

    assert memo(request, ("root", 1), compute) == [1]
    assert memo(request, ("root", 2), compute) == [2]
    assert memo(factory.get("/"), ("root", 1), compute) == [3]
    assert memo(request, ("root", 1), compute) == [1]


def test_none_is_kept_like_any_other_value():
    request, calls = RequestFactory().get("/"), []

    for _ in range(2):
        memo(request, "site_root", lambda: calls.append(1))

    assert calls == [1]


def test_without_a_request_nothing_is_kept():
    compute = Counter()

    assert memo(None, "pages", compute) == [1]
    assert memo(None, "pages", compute) == [2]

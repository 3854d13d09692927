"""The one-query routing and view-restriction checks serve exactly what Wagtail's own would."""

import pytest
from wagtail.models import Page, PageViewRestriction

from duties.models import WorkstreamPage

from .conftest import publish

pytestmark = pytest.mark.django_db


def restrict(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


@pytest.fixture
def contest(make_workstream):
    return make_workstream("contest")


@pytest.mark.parametrize("restricted", ["home", "index", "page"])
def test_restrictions_on_the_page_or_any_ancestor_ask_readers_to_sign_in(
    client, django_user_model, home_page, contest, restricted
):
    target = {"home": home_page, "index": contest.get_parent(), "page": contest}[restricted]
    restrict(target)

    response = client.get("/workstreams/contest/")
    assert response.status_code == 302
    assert "login" in response["Location"]

    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    assert client.get("/workstreams/contest/").status_code == 200


def test_an_alias_takes_the_restrictions_of_its_source(client, contest):
    restrict(contest)
    alias = contest.create_alias(update_slug="contest-copy")
    alias = WorkstreamPage.objects.get(pk=alias.pk)

    assert client.get("/workstreams/contest-copy/").status_code == 302
    assert list(alias.get_view_restrictions()) == list(Page.get_view_restrictions(alias))


def test_matches_wagtails_own_check_for_every_page(client, home_page, contest, make_workstream, make_duty):
    other = make_workstream("other")
    duty = make_duty()
    restrict(contest)
    restrict(other)
    restrict(duty.get_parent())
    alias = Page.objects.get(pk=other.create_alias(update_slug="other-alias").pk).specific

    for page in [contest, other, duty, alias, contest.get_parent(), duty.get_parent()]:
        page = page.specific
        ours = sorted(r.pk for r in page.get_view_restrictions())
        wagtails = sorted(r.pk for r in Page.get_view_restrictions(page))
        assert ours == wagtails, page


def test_private_workstreams_are_left_out_of_the_listing(client, contest, make_workstream):
    make_workstream("open")
    restrict(contest)

    content = client.get("/workstreams/").content.decode()
    assert "/workstreams/open/" in content
    assert "/workstreams/contest/" not in content


def test_other_page_types_under_an_index_still_route(client, workstream_index):
    # Editors cannot add these, but a page moved in by code must still be served, not lost.
    from home.models import StandardPage

    page = StandardPage(
        title="Moved here", slug="moved-here", summary="s", body=[("paragraph", "<p>Moved</p>")]
    )
    Page.add_child(workstream_index, instance=page)
    publish(page)

    assert b"Moved" in client.get("/workstreams/moved-here/").content

"""Issue 15: an editor's preview and "View draft" of a review always render, whatever
the draft adds: a document with a web version that has no address yet is shown without
a link, with a note."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command

from dhr.models import ReviewPage
from tests.dhr.admin_forms import review_form_data
from tests.dhr.builders import make_document, make_index, make_review

pytestmark = pytest.mark.django_db

WEB_VERSION = "<p>The web version of the briefing: zebrafinch.</p>"
NOT_LINKED = "It is not linked in a preview"


@pytest.fixture
def index(home_page):
    return make_index(home_page)


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def new_web_version_document():
    document = make_document("Learning briefing for Lesley")
    return {"document": str(document.pk), "kind": "other", "html_version": WEB_VERSION}


def preview(client, url, data):
    """Post the form to the preview panel, then render it, as the panel does."""
    posted = client.post(url, data)
    assert posted.status_code == 200 and posted.json()["is_valid"], posted.content[:2000]
    return client.get(url)


def web_page_entry(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(".app-document--html")


def test_preview_of_a_live_review_with_a_new_web_version_document(client, editor, index):
    review = make_review(index, "Lesley")
    data = review_form_data(review, new_documents=[new_web_version_document()])

    response = preview(client, f"/admin/pages/{review.pk}/edit/preview/", data)

    assert response.status_code == 200
    entry = web_page_entry(response)
    assert entry is not None and entry.select_one("a") is None
    assert NOT_LINKED in entry.get_text(" ")


def test_view_draft_of_a_live_review_with_a_new_web_version_document(client, editor, index):
    review = make_review(index, "Lesley")
    data = review_form_data(review, new_documents=[new_web_version_document()])
    assert client.post(f"/admin/pages/{review.pk}/edit/", data).status_code == 302
    assert ReviewPage.objects.get(pk=review.pk).has_unpublished_changes

    response = client.get(f"/admin/pages/{review.pk}/view_draft/")

    assert response.status_code == 200
    assert NOT_LINKED in web_page_entry(response).get_text(" ")
    # Readers still see the published review, with its own documents only.
    assert "Other: " not in client.get(review.url).content.decode()


def test_preview_of_a_new_review_with_a_web_version_document(client, editor, index):
    data = review_form_data(
        ReviewPage(pseudonym="Morgan", summary="What the review found.", review_type="dhr", slug=""),
        new_documents=[new_web_version_document()],
    )

    response = preview(client, f"/admin/pages/add/dhr/reviewpage/{index.pk}/preview/", data)

    assert response.status_code == 200
    assert NOT_LINKED in web_page_entry(response).get_text(" ")


def test_published_web_versions_stay_linked(client, index):
    review = make_review(index, "Lesley", html_version=WEB_VERSION)

    entry = web_page_entry(client.get(review.url))
    link = entry.select_one("a")["href"]

    assert link.startswith(review.url + "html/")
    assert "zebrafinch" in client.get(link).content.decode()


def test_every_demo_review_previews(client, db):
    """The scheduled review and the one that has come down among them."""
    call_command("load_demo_content", verbosity=0)
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert ReviewPage.objects.filter(live=False, go_live_at__isnull=False).exists()

    for review in ReviewPage.objects.all():
        for url in [f"/admin/pages/{review.pk}/view_draft/", f"/admin/pages/{review.pk}/edit/"]:
            assert client.get(url).status_code == 200, (review.title, url)
        assert (
            preview(client, f"/admin/pages/{review.pk}/edit/preview/", review_form_data(review)).status_code
            == 200
        )

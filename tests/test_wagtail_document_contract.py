"""The contract between core/wagtail_document_internals.py and the installed Wagtail: the
version it was written for, the reference extraction it uses on unsaved pages, and the
admin addresses of the document delete views and listing it stands in front of."""

from importlib.metadata import version

import pytest
from django.urls import resolve, reverse

from core import document_listing, document_protection
from core import wagtail_document_internals as internals
from home.models import StandardPage
from tests.dhr.builders import make_document

pytestmark = pytest.mark.django_db


def test_installed_wagtail_is_the_version_the_internals_were_written_for():
    assert version("wagtail") == internals.WRITTEN_FOR, (
        "Wagtail has changed: check core/wagtail_document_internals.py against it, then update WRITTEN_FOR"
    )


def test_references_are_found_in_an_unsaved_page():
    linked, other = make_document("Linked"), make_document("Other")
    page = StandardPage(
        title="Unsaved",
        slug="unsaved",
        body=[("paragraph", f'<p><a linktype="document" id="{linked.pk}">the report</a></p>')],
    )

    assert internals.refers_to(page, linked)
    assert not internals.refers_to(page, other)


@pytest.mark.parametrize(
    ("url_name", "view_class"),
    [
        ("wagtaildocs:delete", document_protection.DeleteView),
        ("wagtaildocs:delete_multiple", document_protection.MultipleDeleteView),
    ],
)
def test_wagtails_delete_addresses_reach_the_refusing_views(url_name, view_class):
    match = resolve(reverse(url_name, args=[1]))

    assert match.func.view_class is view_class
    assert issubclass(view_class, (internals.DocumentDeleteView, internals.MultipleDocumentDeleteView))


@pytest.mark.parametrize("url_name", ["wagtaildocs:index", "wagtaildocs:index_results"])
def test_wagtails_listing_addresses_reach_the_listing_with_the_column(url_name):
    view_class = resolve(reverse(url_name)).func.view_class

    assert view_class is document_listing.DocumentIndexView
    assert issubclass(view_class, internals.DocumentIndexView)


def test_wagtails_listing_has_the_file_column_the_new_one_follows(rf, admin_user):
    request = rf.get(reverse("wagtaildocs:index"))
    request.user = admin_user
    view = internals.DocumentIndexView()
    view.setup(request)

    names = [column.name for column in view.columns]

    assert internals.FILE_COLUMN in names
    assert names.index(internals.FILE_COLUMN) < len(names) - 1

"""Small builders for the publications section."""

import datetime

from django.utils.text import slugify

from publications.models import PublicationDocument, PublicationIndexPage, PublicationPage
from tests.dhr.builders import make_document


def make_publication_index(home_page):
    index = PublicationIndexPage(
        title="Publications",
        slug="publications",
        summary="The partnership's plans, assessments, reports and briefings.",
        show_in_menus=True,
    )
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_publication(index, title, publish=True, documents=1, **fields):
    values = {
        "slug": slugify(title),
        "summary": f"What {title} says, in a sentence.",
        "kind": "plan",
        "publisher": "Millbrook Community Safety Partnership",
        "publication_date": datetime.date(2025, 4, 1),
        **fields,
    }
    publication = PublicationPage(title=title, live=False, **values)
    index.add_child(instance=publication)
    for order in range(documents):
        publication.documents.add(
            PublicationDocument(document=make_document(f"{title} part {order + 1}"), sort_order=order)
        )
    revision = publication.save_revision()
    if publish:
        revision.publish()
    return PublicationPage.objects.get(pk=publication.pk)

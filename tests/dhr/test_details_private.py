"""Issue 16: a review's identifying details are for the people publishing it. Through an
Editor writing the review and a Moderator approving it, they reach no public page, search
result, sitemap, report export (CSV or XLSX), translation PO file or log line; a Welsh
translation is checked against the same list, copied from the English review."""

import io
import logging
import zipfile

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from dhr.models import ReviewPage
from tests.dhr.builders import make_index
from tests.dhr.checked_documents import pdf_document
from tests.pdfs import make_pdf
from tests.welsh import offer_welsh, synced_translation, translate, welsh_home

pytestmark = pytest.mark.django_db

DETAILS = "Quokkabury Fenwright\n99 Zephyrine Close"
WORDS = ["quokkabury", "fenwright", "zephyrine"]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def leaks(text):
    text = text.lower()
    return [word for word in WORDS if word in text]


def create_and_submit(client, index):
    """What an Editor posts to write a review and send it for approval."""
    document = pdf_document(make_pdf(["The panel's findings about Lesley."]))
    data = nested_form_data(
        {
            "summary": "Lesley was killed by her husband.",
            "pseudonym": "Lesley",
            "review_type": "dhr",
            "death_month": "3",
            "death_year": "2022",
            "joint_review_with": "",
            "home_office_approval_date": "2024-01-10",
            "publication_date": "",
            "keep_online_until": "",
            "executive_summary": rich_text("What the review found."),
            "key_findings": inline_formset([]),
            "recommendations": inline_formset([]),
            "documents": inline_formset(
                [
                    {
                        "document": str(document.pk),
                        "kind": "overview_report",
                        "html_version": rich_text("<p>The report as a web page.</p>"),
                    }
                ]
            ),
            "checklist_pseudonym_agreed": "on",
            "checklist_family_told": "on",
            "checklist_documents_anonymised": "on",
            "checklist_home_office_approved": "on",
            "identifying_details": DETAILS,
            "private_notes": "",
            "slug": "",
            "seo_title": "",
            "search_description": "",
            "last_reviewed": "2026-01-01",
            "next_review_due": "2027-01-01",
            "action-submit": "submit",
        }
    )
    response = client.post(f"/admin/pages/add/dhr/reviewpage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ReviewPage.objects.get(pseudonym="Lesley")


def approve(client, review):
    state = ReviewPage.objects.get(pk=review.pk).current_workflow_state
    url = f"/admin/pages/workflow/action/{review.pk}/approve/{state.current_task_state.pk}/"
    assert client.post(url, {"comment": "Checked"}).status_code == 302
    return ReviewPage.objects.get(pk=review.pk)


def xlsx_text(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def test_the_identifying_details_never_leave_the_admin(
    client, login, commit, home_page, site_settings, caplog
):
    caplog.set_level(logging.DEBUG)
    locale = offer_welsh(site_settings)
    welsh_home(home_page, locale)
    index = make_index(home_page)
    translate(index, locale, title="Adolygiadau dynladdiad domestig", slug="adolygiadau")

    login("Editors")
    review = create_and_submit(client, index)
    login("Moderators")
    review = approve(client, review)
    assert review.live and review.identifying_details == DETAILS

    # Readers and robots.
    client.logout()
    item = review.documents.get()
    public = [
        client.get(review.url),
        client.get(index.url),
        client.get(item.html_version_url),
        client.get("/sitemap.xml"),
    ]
    assert all(response.status_code == 200 for response in public)
    assert "The report as a web page." in public[2].content.decode()
    assert not leaks(" ".join(response.content.decode() for response in public))
    # The search page repeats the words searched for; it must find nothing for them.
    for query in ["Quokkabury", "Zephyrine Close", "Fenwright"]:
        results = client.get("/search/", {"q": query}).content.decode()
        assert 'class="app-search-result"' not in results and review.url not in results
    assert 'class="app-search-result"' in client.get("/search/", {"q": "Lesley"}).content.decode()
    assert not Page.objects.live().search("Quokkabury")

    # Reports an editor can download.
    login("Moderators")
    exports = [
        client.get("/admin/reports/dhr-publication/?export=csv"),
        client.get("/admin/reports/content-review/?export=csv"),
    ]
    assert all(response.status_code == 200 for response in exports)
    texts = [b"".join(response.streaming_content).decode() for response in exports]
    assert "Lesley" in texts[0]
    workbook = client.get("/admin/reports/dhr-publication/?export=xlsx")
    assert workbook.status_code == 200
    texts.append(xlsx_text(b"".join(workbook.streaming_content)))
    assert "Lesley" in texts[-1]
    assert not leaks(" ".join(texts))

    # The Welsh translation: what goes to the translator, and the list it is checked for.
    login("Editors")
    submitted = commit(
        client.post,
        reverse("wagtail_localize:submit_page_translation", args=[review.pk]),
        {"locales": [locale.pk]},
    )
    assert submitted.status_code == 302
    po = client.get(reverse("wagtail_localize:download_pofile", args=[synced_translation(review, locale).pk]))
    assert po.status_code == 200
    assert "Lesley was killed by her husband." in po.content.decode()
    assert not leaks(po.content.decode())
    welsh = ReviewPage.objects.get(translation_key=review.translation_key, locale=locale)
    assert welsh.identifying_details == DETAILS

    assert not leaks(caplog.text)

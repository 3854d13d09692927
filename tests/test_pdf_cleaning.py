"""A cleaned PDF keeps its words and its tags, and nothing else that could name a person."""

import io

import pikepdf
import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from core.pdf_cleaning import clean_document, clean_pdf
from core.pdf_inspection import PdfUnreadable
from tests.pdfs import edit, make_pdf

PAGES = ["The panel met six times.", "Agencies shared what they knew.", "Recommendations follow."]


def dirty_pdf():
    return edit(
        make_pdf(PAGES, tagged=True),
        info={
            "/Author": "Peter Haworth",
            "/Title": "DHR - death of Margaret Haworth (UNREDACTED)",
            "/Creator": "Microsoft Word",
            "/Producer": "Microsoft: Print To PDF",
            "/Company": "Haworth and Sons",
        },
        xmp="Peter Haworth",
        comment={"/Contents": "Take out her name", "/T": "Jane Reviewer", "/Subj": "Note"},
        attachment=("interview-notes.txt", "Interview notes"),
        attachment_annotation="chronology.docx",
        link="https://www.gov.uk/",
    )


def test_a_cleaned_pdf_has_only_a_neutral_title_and_keeps_its_text_and_tags():
    original = dirty_pdf()
    cleaned, lines = clean_pdf(original, "Overview report")

    reader = PdfReader(io.BytesIO(cleaned))
    assert dict(reader.metadata) == {"/Title": "Overview report"}
    assert reader.xmp_metadata is None
    root = reader.trailer["/Root"]
    assert "/Metadata" not in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    before = PdfReader(io.BytesIO(original))
    assert [page.extract_text() for page in reader.pages] == [page.extract_text() for page in before.pages]
    for forbidden in (
        b"Peter Haworth",
        b"Jane Reviewer",
        b"Take out her name",
        b"interview-notes",
        b"chronology",
    ):
        assert forbidden not in cleaned

    assert lines == [
        "Title 'DHR - death of Margaret Haworth (UNREDACTED)' replaced by 'Overview report'",
        "Author 'Peter Haworth' removed",
        "Creator 'Microsoft Word' removed",
        "Producer 'Microsoft: Print To PDF' removed",
        "Company 'Haworth and Sons' removed",
        "Creation date removed",
        "XMP metadata removed",
        "1 comment removed",
        "1 file attached to a page removed",
        "1 embedded file removed",
    ]


def test_links_and_form_fields_stay():
    data = edit(make_pdf(PAGES), link="https://www.gov.uk/", field=("consent", "yes"))
    cleaned, _lines = clean_pdf(data, "Overview report")
    annotations = PdfReader(io.BytesIO(cleaned)).pages[-1]["/Annots"]
    assert sorted(annotation.get_object()["/Subtype"] for annotation in annotations) == ["/Link", "/Widget"]


def test_javascript_is_removed():
    with pikepdf.open(io.BytesIO(make_pdf(PAGES))) as pdf:
        pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        out = io.BytesIO()
        pdf.save(out)
    cleaned, lines = clean_pdf(out.getvalue(), "Report")
    assert "JavaScript removed" in lines
    assert b"app.alert" not in cleaned


def test_cleaning_twice_removes_nothing_more():
    cleaned, _lines = clean_pdf(dirty_pdf(), "Overview report")
    again, lines = clean_pdf(cleaned, "Overview report")
    assert lines == []
    assert again == cleaned


def test_cleaning_removes_an_owner_password():
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(make_pdf(PAGES))) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="", owner="secret"))
    cleaned, _lines = clean_pdf(out.getvalue(), "Overview report")
    assert not PdfReader(io.BytesIO(cleaned)).is_encrypted


def test_a_broken_pdf_cannot_be_cleaned():
    with pytest.raises(PdfUnreadable):
        clean_pdf(b"%PDF-1.4 nothing here", "Report")


@pytest.mark.django_db
def test_clean_document_rewrites_the_stored_file_under_its_name_and_records_what_went(tmp_path, settings):
    from core.models import CSPDocument

    settings.MEDIA_ROOT = tmp_path
    document = CSPDocument(title="Overview report")
    document.file.save("overview.pdf", ContentFile(dirty_pdf()), save=False)
    document.save()
    name, size = document.file.name, document.file_size

    lines = clean_document(document, "Overview report")

    assert "Author 'Peter Haworth' removed" in lines
    document.refresh_from_db()
    assert document.file.name == name
    assert document.metadata_removed == lines
    assert document.file_size != size
    with document.file.open("rb") as stored:
        data = stored.read()
    assert document.file_size == len(data)
    assert dict(PdfReader(io.BytesIO(data)).metadata) == {"/Title": "Overview report"}

    assert clean_document(document, "Overview report") == []
    document.refresh_from_db()
    assert document.metadata_removed == lines

    # A new title is a change: recorded once, added to what was removed before.
    lines = clean_document(document, "Final overview report")
    assert lines == ["Title 'Overview report' replaced by 'Final overview report'"]
    document.refresh_from_db()
    assert document.metadata_removed[-1] == lines[0]


@pytest.mark.django_db
def test_clean_document_leaves_other_files_alone(tmp_path, settings):
    from core.models import CSPDocument

    settings.MEDIA_ROOT = tmp_path
    document = CSPDocument(title="Figures")
    document.file.save("figures.csv", ContentFile(b"a,b\n"), save=False)
    document.save()
    assert clean_document(document, "Figures") == []
    with document.file.open("rb") as stored:
        assert stored.read() == b"a,b\n"


@pytest.mark.django_db
def test_a_storage_failure_while_cleaning_keeps_a_cleaned_file(monkeypatch, tmp_path, settings):
    """The cleaned copy is stored before the original goes: if putting it back under the
    original name fails, the document points at the cleaned copy, never at nothing."""
    from django.core.files.storage import FileSystemStorage

    from core.models import CSPDocument

    settings.MEDIA_ROOT = tmp_path
    document = CSPDocument(title="Overview report")
    document.file.save("overview.pdf", ContentFile(dirty_pdf()), save=False)
    document.save()
    real_save = FileSystemStorage.save

    def refuse_the_original_name(self, name, content, *args, **kwargs):
        if name == original:
            raise OSError("disk full")
        return real_save(self, name, content, *args, **kwargs)

    original = document.file.name
    monkeypatch.setattr(FileSystemStorage, "save", refuse_the_original_name)
    clean_document(document, "Overview report")

    document.refresh_from_db()
    assert document.file.name != original and document.file.name.endswith(".pdf")
    assert document.file.storage.exists(document.file.name)
    with document.file.storage.open(document.file.name, "rb") as stored:
        assert PdfReader(stored).metadata.get("/Author") is None
    assert document.pdf_has_title is True

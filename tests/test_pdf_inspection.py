"""The check reads every place in a PDF where a reader or a viewer could see a detail."""

import io

import pikepdf
import pytest
from django.core.files.base import ContentFile

from core.identifying_details import Finding, Kind, find_details
from core.pdf_inspection import MAX_PAGES, PdfUnreadable, places_in_document, places_in_pdf
from tests.pdfs import edit, in_a_form, make_pdf

DETAILS = ["Margaret Haworth", "14 Acacia Avenue"]
CLEAN_PAGES = ["The panel met six times.", "Agencies shared what they knew.", "Recommendations follow."]


def findings(data, details=DETAILS):
    return find_details(details, places_in_pdf(data))


def kinds(data, details=DETAILS):
    return {(finding.kind, finding.page, finding.where) for finding in findings(data, details)}


def test_a_clean_report_has_no_findings():
    assert findings(edit(make_pdf(CLEAN_PAGES), info={"/Author": "Community Safety Partnership"})) == []


def test_a_name_in_the_text_of_a_later_page_is_found_with_its_page():
    pages = [*CLEAN_PAGES, "The review of MARGARET HAWORTH'S death."]
    assert findings(make_pdf(pages)) == [Finding(1, Kind.TEXT, 4, "")]


def test_a_name_wrapped_and_hyphenated_across_lines_is_found():
    # A narrow column makes fpdf2 break the line inside the address and the name.
    address = make_pdf(["She lived at 14 Acacia Avenue with her family " * 3], width=40)
    assert Finding(2, Kind.TEXT, 1, "") in findings(address)
    hyphenated = make_pdf(["Contact with Margaret Ha-\nworth was limited."])
    assert findings(hyphenated) == [Finding(1, Kind.TEXT, 1, "")]


def test_an_accented_name_is_found():
    data = make_pdf(["Siân Núñez was the victim's sister."])
    assert findings(data, ["Sian Nunez"]) == [Finding(1, Kind.TEXT, 1, "")]


def test_whole_words_only_in_a_pdf():
    assert findings(make_pdf(["The Annual report of the partnership."]), ["Ann"]) == []


def test_document_information_is_read():
    data = edit(
        make_pdf(CLEAN_PAGES),
        info={
            "/Author": "Peter Haworth",
            "/Title": "DHR - death of Margaret Haworth (UNREDACTED)",
            "/Subject": "Margaret Haworth",
            "/Company": "Margaret Haworth Ltd",
        },
    )
    assert kinds(data) == {
        (Kind.METADATA, None, "Title"),
        (Kind.METADATA, None, "Subject"),
        (Kind.METADATA, None, "Company"),
    }
    assert kinds(data, ["Peter Haworth"]) == {(Kind.METADATA, None, "Author")}


def test_xmp_metadata_is_read():
    data = edit(make_pdf(CLEAN_PAGES), xmp="Margaret Haworth")
    assert kinds(data) == {(Kind.METADATA, None, "XMP metadata")}


def test_comments_their_authors_and_subjects_are_read_with_their_page():
    data = edit(
        make_pdf(CLEAN_PAGES),
        comment={
            "/Contents": "Remove Margaret Haworth here",
            "/T": "Peter Haworth",
            "/Subj": "14 Acacia Avenue",
        },
    )
    assert kinds(data, [*DETAILS, "Peter Haworth"]) == {
        (Kind.ANNOTATION, 3, "comment"),
        (Kind.ANNOTATION, 3, "comment subject"),
        (Kind.ANNOTATION, 3, "comment author"),
    }


def test_a_link_address_is_read():
    data = edit(make_pdf(CLEAN_PAGES), link="mailto:margaret.haworth@example.org")
    assert kinds(data) == {(Kind.ANNOTATION, 3, "link")}


def test_form_fields_are_read():
    data = edit(make_pdf(CLEAN_PAGES), field=("name_of_deceased", "Margaret Haworth"))
    assert kinds(data) == {(Kind.FORM_FIELD, 3, "field value")}


def test_bookmarks_are_read():
    data = edit(make_pdf(CLEAN_PAGES), bookmark="Appendix: Margaret Haworth's family")
    assert kinds(data) == {(Kind.BOOKMARK, None, "bookmark")}


def test_embedded_files_and_files_attached_to_a_page_are_read():
    data = edit(make_pdf(CLEAN_PAGES), attachment=("notes.txt", "Interview with Margaret Haworth"))
    assert kinds(data) == {(Kind.EMBEDDED_FILE, None, "description")}
    data = edit(make_pdf(CLEAN_PAGES), attachment_annotation="margaret-haworth-chronology.docx")
    assert kinds(data) == {(Kind.EMBEDDED_FILE, 1, "file name")}


def test_layer_names_are_read():
    with pikepdf.open(io.BytesIO(make_pdf(CLEAN_PAGES))) as pdf:
        layer = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.OCG, Name=pikepdf.String("Haworth notes"))
        )
        pdf.Root.OCProperties = pikepdf.Dictionary(OCGs=[layer], D=pikepdf.Dictionary(ON=[layer]))
        out = io.BytesIO()
        pdf.save(out)
    assert kinds(out.getvalue(), ["Haworth"]) == {(Kind.METADATA, None, "layer name")}


def test_alternative_text_in_the_tags_is_read_with_its_page():
    with pikepdf.open(io.BytesIO(make_pdf(CLEAN_PAGES, tagged=True))) as pdf:
        figure = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem,
                S=pikepdf.Name.Figure,
                Alt=pikepdf.String("Photograph of Margaret Haworth"),
                Pg=pdf.pages[1].obj,
                K=0,
            )
        )
        document = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, K=[figure])
        )
        figure.P = document
        pdf.Root.StructTreeRoot.K = document
        out = io.BytesIO()
        pdf.save(out)
    assert kinds(out.getvalue()) == {(Kind.TEXT, 2, "alternative text")}


def test_tags_that_loop_do_not_hang():
    with pikepdf.open(io.BytesIO(make_pdf(CLEAN_PAGES, tagged=True))) as pdf:
        kids = pdf.make_indirect(pikepdf.Array())
        element = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.Figure, Alt=pikepdf.String("Margaret Haworth"), K=kids)
        )
        kids.append(element)
        kids.append(kids)
        pdf.Root.StructTreeRoot.K = element
        out = io.BytesIO()
        pdf.save(out)
    assert kinds(out.getvalue()) == {(Kind.TEXT, None, "alternative text")}


def test_text_under_a_black_box_is_found_under_a_box():
    # Still in the text too: copied, searched and read aloud by screen readers.
    data = make_pdf(CLEAN_PAGES, boxed="Margaret Haworth")
    assert findings(data) == [Finding(1, Kind.TEXT, 3, ""), Finding(1, Kind.UNDER_BOX, 3, "")]
    under = [place for place in places_in_pdf(data) if place.kind == Kind.UNDER_BOX]
    assert [place.text for place in under] == ["Margaret Haworth"]


def test_text_under_a_black_picture_is_found_under_a_box():
    data = make_pdf(CLEAN_PAGES, boxed="Margaret Haworth", box_image=True)
    assert Finding(1, Kind.UNDER_BOX, 3, "") in findings(data)


def test_a_box_inside_a_form_is_placed_through_the_form_matrix():
    # Scaled to half and moved: without the matrix the box would miss the words.
    data = in_a_form(make_pdf(CLEAN_PAGES, boxed="Margaret Haworth"))
    under = [place for place in places_in_pdf(data) if place.kind == Kind.UNDER_BOX]
    assert [(place.page, place.text) for place in under] == [(3, "Margaret Haworth")]


def test_only_the_covered_line_is_under_the_box():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_margins(20, 20, 20)
    pdf.set_font("Helvetica", size=12)
    pdf.set_xy(20, 20)
    pdf.multi_cell(0, 6, "The line above it\nMargaret Haworth\nThe line below it")
    pdf.set_fill_color(0, 0, 0)
    pdf.rect(19, 26, 60, 6, style="F")
    under = [place.text for place in places_in_pdf(bytes(pdf.output())) if place.kind == Kind.UNDER_BOX]
    assert under == ["Margaret Haworth"]


def test_a_box_drawn_under_text_or_a_white_box_is_not_a_redaction():
    white = make_pdf(CLEAN_PAGES, boxed="Margaret Haworth", box_colour=(255, 255, 255))
    assert findings(white) == [Finding(1, Kind.TEXT, 3, "")]
    # A shaded background drawn before the words: the words are visible text.
    pdf_bytes = _shaded_background("Margaret Haworth")
    assert findings(pdf_bytes) == [Finding(1, Kind.TEXT, 1, "")]


def _shaded_background(text):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(0, 0, 80)
    pdf.rect(20, 20, 120, 20, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Helvetica", size=14)
    pdf.text(25, 32, text)
    return bytes(pdf.output())


def test_the_same_document_without_the_detail_has_no_findings():
    with_detail = edit(
        make_pdf([*CLEAN_PAGES, "Margaret Haworth"], boxed="14 Acacia Avenue"),
        info={"/Author": "Margaret Haworth"},
        comment={"/Contents": "Margaret Haworth"},
        bookmark="Margaret Haworth",
    )
    without = edit(
        make_pdf([*CLEAN_PAGES, "the victim"], boxed="her home"),
        info={"/Author": "Report author"},
        comment={"/Contents": "the victim"},
        bookmark="Appendix",
    )
    assert len(findings(with_detail)) == 6
    assert findings(without) == []


@pytest.mark.django_db
def test_places_in_a_document_include_its_file_name(tmp_path, settings):
    from core.models import CSPDocument

    settings.MEDIA_ROOT = tmp_path
    document = CSPDocument(title="Overview report")
    document.file.save("margaret-haworth-overview.pdf", ContentFile(make_pdf(CLEAN_PAGES)), save=False)
    document.save()
    document = CSPDocument.objects.get(pk=document.pk)  # its file closed, as when stored
    found = find_details(DETAILS, places_in_document(document))
    assert found == [Finding(1, Kind.FILE_NAME, None, "file name")]
    assert document.file.closed
    csv = CSPDocument(title="Data")
    csv.file.save("figures.csv", ContentFile(b"Margaret Haworth,1\n"), save=False)
    assert [place.kind for place in places_in_document(csv)] == [Kind.FILE_NAME]


def test_a_file_object_or_a_django_file_is_read_like_bytes():
    data = make_pdf(["Margaret Haworth"])
    assert places_in_pdf(io.BytesIO(data)) == places_in_pdf(data) == places_in_pdf(ContentFile(data))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"PK\x03\x04 a Word file",
        b"%PDF-1.7\n this is not really a pdf",
        make_pdf(CLEAN_PAGES)[:600],  # cut short
    ],
)
def test_a_broken_file_is_unreadable(data):
    with pytest.raises(PdfUnreadable):
        places_in_pdf(data)


def test_a_password_protected_pdf_is_unreadable():
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(make_pdf(["Margaret Haworth"]))) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    with pytest.raises(PdfUnreadable, match="password"):
        places_in_pdf(out.getvalue())


def test_a_pdf_with_only_an_owner_password_opens_in_any_viewer_so_it_is_read():
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(make_pdf(["Margaret Haworth"]))) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="", owner="secret"))
    assert findings(out.getvalue()) == [Finding(1, Kind.TEXT, 1, "")]


def test_a_pdf_that_takes_too_long_is_unreadable(monkeypatch):
    monkeypatch.setattr("core.pdf_inspection.MAX_SECONDS", -1)
    with pytest.raises(PdfUnreadable, match="too long"):
        places_in_pdf(make_pdf(CLEAN_PAGES))


def test_too_many_pages_is_unreadable():
    with pikepdf.new() as pdf:
        for _ in range(MAX_PAGES + 1):
            pdf.add_blank_page()
        out = io.BytesIO()
        pdf.save(out)
    with pytest.raises(PdfUnreadable, match="1,000 pages"):
        places_in_pdf(out.getvalue())


def test_a_too_large_file_is_unreadable(monkeypatch):
    monkeypatch.setattr("core.pdf_inspection.MAX_BYTES", 1000)
    with pytest.raises(PdfUnreadable, match="larger"):
        places_in_pdf(make_pdf(CLEAN_PAGES))


def test_an_outline_that_loops_does_not_hang():
    data = edit(make_pdf(CLEAN_PAGES), bookmark="Margaret Haworth")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        first = pdf.Root.Outlines.First
        first.Next = first
        first.First = first
        out = io.BytesIO()
        pdf.save(out)
    assert kinds(out.getvalue()) == {(Kind.BOOKMARK, None, "bookmark")}

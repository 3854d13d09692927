"""Every place in a PDF where a reader or a PDF viewer could see text.

``places_in_pdf`` lists them for ``core.identifying_details.find_details``: each page's
text, the document information and XMP metadata, annotations and comments, form fields,
bookmarks, embedded files, and text still present under a filled box drawn over it (a
"redaction" that only covers the words). pdfium reads the pages (text, character boxes,
what is drawn in which order); pikepdf reads the file's structure.

A PDF that cannot be read within fixed limits of size, pages and time raises
``PdfUnreadable``: a caller must treat it as not checked, never as clean.
"""

import contextlib
import ctypes
import html
import io
import re
import threading
import time

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.utils.translation import gettext_lazy as _

from core.identifying_details import Kind, Place

MAX_BYTES = 30 * 1024 * 1024
MAX_PAGES = 1000
MAX_SECONDS = 30
MAX_XMP_BYTES = 4 * 1024 * 1024
MAX_OUTLINE_ITEMS = 10_000
MAX_FIELDS = 10_000
# A character counts as covered when this share of its box lies inside a filled box.
COVERED_SHARE = 0.6
# A fill this light (each of red, green and blue out of 255) hides nothing on white paper.
LIGHT = 235
# A fill this transparent (alpha out of 255) lets the text show through.
SEE_THROUGH = 200

# pdfium is not safe to call from two threads at once.
_pdfium_lock = threading.Lock()

DOCUMENT_INFORMATION = {  # in the order editors are told about them
    "/Title": "Title",
    "/Author": "Author",
    "/Subject": "Subject",
    "/Keywords": "Keywords",
    "/Creator": "Creator",
    "/Producer": "Producer",
}


class PdfUnreadable(Exception):
    """The PDF could not be read; the message is safe to show an editor."""


def read_bytes(file):
    """The bytes of ``file`` (bytes, a binary file object or a Django ``File``), at most
    ``MAX_BYTES``; ``PdfUnreadable`` for a larger or unreadable file."""
    if isinstance(file, bytes | bytearray | memoryview):
        data = bytes(file)
    else:
        try:
            if hasattr(file, "open") and getattr(file, "closed", True):
                file.open("rb")
            if hasattr(file, "seek"):
                file.seek(0)
            data = file.read(MAX_BYTES + 1)
        except (OSError, ValueError) as error:
            raise PdfUnreadable(_("The file could not be opened.")) from error
        finally:
            if hasattr(file, "seek"):
                with contextlib.suppress(OSError, ValueError):
                    file.seek(0)
    if len(data) > MAX_BYTES:
        raise PdfUnreadable(_("The file is larger than 30 MB, the most that can be checked."))
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise PdfUnreadable(_("The file is not a PDF."))
    return data


def open_structure(data):
    """The PDF opened with pikepdf, within the limits; ``PdfUnreadable`` otherwise."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as error:
        raise PdfUnreadable(_("The PDF is protected by a password.")) from error
    except (pikepdf.PdfError, ValueError, RecursionError, OSError) as error:
        raise PdfUnreadable(_("The PDF is damaged.")) from error
    try:
        page_count = len(pdf.pages)
    except (pikepdf.PdfError, ValueError, RecursionError) as error:
        pdf.close()
        raise PdfUnreadable(_("The PDF is damaged.")) from error
    if page_count > MAX_PAGES:
        pdf.close()
        raise PdfUnreadable(_("The PDF has more than 1,000 pages, the most that can be checked."))
    return pdf


def places_in_pdf(file) -> list[Place]:
    """The places in a PDF given as bytes, a binary file object or a Django ``File``."""
    data = read_bytes(file)
    deadline = time.monotonic() + MAX_SECONDS
    pdf = open_structure(data)
    try:
        places = _page_places(data, len(pdf.pages), deadline)
        places += _structure_places(pdf, deadline)
    except (pikepdf.PdfError, pdfium.PdfiumError, ValueError, TypeError, KeyError, AttributeError,
            RecursionError, OSError) as error:  # fmt: skip
        raise PdfUnreadable(_("The PDF is damaged.")) from error
    finally:
        pdf.close()
    return list(dict.fromkeys(places))


def places_in_document(document) -> list[Place]:
    """A document's file name and, for a PDF, every place in the file."""
    places = [Place(Kind.FILE_NAME, document.filename, where="file name")]
    if document.file_extension.lower() == "pdf":
        places += places_in_pdf(document.file)
    return places


def _check_time(deadline):
    if time.monotonic() > deadline:
        raise PdfUnreadable(_("The PDF took too long to read."))


# Pages: text, and text under filled boxes (pdfium)


def _page_places(data, expected_pages, deadline):
    with _pdfium_lock:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise PdfUnreadable(_("The PDF is damaged.")) from error
        try:
            if len(document) != expected_pages:
                raise PdfUnreadable(_("The PDF is damaged."))
            places = []
            for index in range(len(document)):
                _check_time(deadline)
                page = document[index]
                try:
                    places += _one_page(page, index + 1)
                finally:
                    page.close()
            return places
        finally:
            document.close()


def _one_page(page, number):
    textpage = page.get_textpage()
    try:
        boxes, text_order = _boxes_over_text(page)
        if not boxes:
            return [Place(Kind.TEXT, textpage.get_text_range(), page=number)]
        return _split_covered(textpage, boxes, text_order, number)
    finally:
        textpage.close()


def _address(handle):
    return ctypes.cast(handle, ctypes.c_void_p).value


def _boxes_over_text(page):
    """The filled, dark enough, opaque enough boxes drawn over text already on the page, as
    ``(drawing order, (left, bottom, right, top))``, and the drawing order of each text
    object. Only boxes drawn on the page itself count (a form's own coordinates differ)."""
    boxes, text_order, text_bounds = [], {}, []
    order = 0
    stack = [(page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, 0)]
    while stack:
        parent, count, get, start = stack.pop()
        total = count(parent)
        for i in range(start, total):
            handle = get(parent, i)
            if not handle:
                continue
            kind = pdfium_c.FPDFPageObj_GetType(handle)
            order += 1
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                text_order[_address(handle)] = order
                text_bounds.append(_bounds(handle))
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH and parent is page and _hides(handle):
                bounds = _bounds(handle)
                if bounds and any(_overlap(bounds, other) for other in text_bounds if other):
                    boxes.append((order, bounds))
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and len(stack) < 8:
                # Finish this container after the form's own objects, in drawing order.
                stack.append((parent, count, get, i + 1))
                stack.append((handle, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, 0))
                break
    return boxes, text_order


def _bounds(handle):
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(handle, left, bottom, right, top):
        return None
    return left.value, bottom.value, right.value, top.value


def _hides(path):
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(path, fill_mode, stroke) or fill_mode.value == 0:
        return False
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(path, red, green, blue, alpha):
        return False
    if alpha.value < SEE_THROUGH:
        return False
    return not (red.value >= LIGHT and green.value >= LIGHT and blue.value >= LIGHT)


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _covered_share(char, box):
    width, height = char[2] - char[0], char[3] - char[1]
    if width <= 0 or height <= 0:
        return 0.0
    inside_w = min(char[2], box[2]) - max(char[0], box[0])
    inside_h = min(char[3], box[3]) - max(char[1], box[1])
    if inside_w <= 0 or inside_h <= 0:
        return 0.0
    return (inside_w * inside_h) / (width * height)


def _split_covered(textpage, boxes, text_order, number):
    """The page's visible text, and each run of characters under a box drawn after them."""
    visible, covered_runs, run = [], [], []
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    for index in range(textpage.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage, index) or 32)
        covered = False
        if not char.isspace() and pdfium_c.FPDFText_GetCharBox(textpage, index, left, right, bottom, top):
            charbox = (left.value, bottom.value, right.value, top.value)
            drawn = text_order.get(_address(pdfium_c.FPDFText_GetTextObject(textpage, index)), 0)
            covered = any(
                order > drawn and _covered_share(charbox, box) >= COVERED_SHARE for order, box in boxes
            )
        if covered:
            run.append(char)
            visible.append(" ")
        else:
            if run and not char.isspace():
                covered_runs.append("".join(run))
                run = []
            elif run:
                run.append(char)
            visible.append(char)
    if run:
        covered_runs.append("".join(run))
    places = [Place(Kind.TEXT, "".join(visible), page=number)]
    places += [Place(Kind.UNDER_BOX, text.strip(), page=number) for text in covered_runs if text.strip()]
    return places


# Structure: document information, XMP, annotations, fields, bookmarks, files (pikepdf)


def _text(value):
    """A PDF string's text, or "" for anything else."""
    if isinstance(value, pikepdf.String):
        return str(value)
    if isinstance(value, str):
        return value
    return ""


_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)')""")


def _xml_text(data):
    """The text and attribute values of an XML packet, without parsing it (no entities,
    no network, nothing a hostile packet could make expensive)."""
    source = data[:MAX_XMP_BYTES].decode("utf-8", errors="replace")
    parts = []
    for tag in _TAG.findall(source):
        parts += [a or b for a, b in _ATTRIBUTE.findall(tag)]
    parts.append(_TAG.sub(" ", source))
    return html.unescape(" \n".join(parts))


def _stream_text(stream):
    try:
        return _xml_text(stream.read_bytes())
    except (pikepdf.PdfError, AttributeError):
        return ""


def _structure_places(pdf, deadline):
    places = []
    places += _information_places(pdf)
    metadata = pdf.Root.get("/Metadata")
    if isinstance(metadata, pikepdf.Stream):
        places.append(Place(Kind.METADATA, _stream_text(metadata), where="XMP metadata"))
    widget_pages = {}
    for number, page in enumerate(pdf.pages, start=1):
        _check_time(deadline)
        page_metadata = page.obj.get("/Metadata")
        if isinstance(page_metadata, pikepdf.Stream):
            places.append(
                Place(Kind.METADATA, _stream_text(page_metadata), page=number, where="XMP metadata")
            )
        places += _annotation_places(page, number, widget_pages)
    places += _field_places(pdf, widget_pages)
    places += _bookmark_places(pdf)
    places += _attachment_places(pdf)
    return [place for place in places if place.text.strip()]


def _information_places(pdf):
    places = []
    try:
        information = pdf.trailer.get("/Info")
    except pikepdf.PdfError:
        return places
    if not isinstance(information, pikepdf.Dictionary):
        return places
    for key, value in information.items():
        text = _text(value)
        if text:
            where = DOCUMENT_INFORMATION.get(key, key.lstrip("/"))
            places.append(Place(Kind.METADATA, text, where=where))
    return places


ANNOTATION_TEXT = {
    "/Contents": "comment",
    "/T": "comment author",
    "/Subj": "comment subject",
}


def _annotation_places(page, number, widget_pages):
    places = []
    annotations = page.obj.get("/Annots")
    if not isinstance(annotations, pikepdf.Array):
        return places
    for annotation in annotations:
        if not isinstance(annotation, pikepdf.Dictionary):
            continue
        subtype = annotation.get("/Subtype")
        if subtype == "/Widget":
            if annotation.is_indirect:
                widget_pages[annotation.objgen] = number
            continue
        if subtype == "/Link":
            action = annotation.get("/A")
            if isinstance(action, pikepdf.Dictionary):
                places.append(Place(Kind.ANNOTATION, _text(action.get("/URI")), page=number, where="link"))
            continue
        for key, where in ANNOTATION_TEXT.items():
            places.append(Place(Kind.ANNOTATION, _text(annotation.get(key)), page=number, where=where))
        rich_text = annotation.get("/RC")
        if rich_text is not None:
            rich = (
                rich_text.read_bytes() if isinstance(rich_text, pikepdf.Stream) else _text(rich_text).encode()
            )
            places.append(Place(Kind.ANNOTATION, _xml_text(rich), page=number, where="comment"))
        if subtype == "/FileAttachment":
            places += _file_spec_places(annotation.get("/FS"), number)
    return places


def _file_spec_places(spec, page=None, name=""):
    places = [Place(Kind.EMBEDDED_FILE, name, page=page, where="file name")]
    if isinstance(spec, pikepdf.Dictionary):
        for key in ("/UF", "/F"):
            places.append(Place(Kind.EMBEDDED_FILE, _text(spec.get(key)), page=page, where="file name"))
        places.append(Place(Kind.EMBEDDED_FILE, _text(spec.get("/Desc")), page=page, where="description"))
    elif isinstance(spec, pikepdf.String):
        places.append(Place(Kind.EMBEDDED_FILE, _text(spec), page=page, where="file name"))
    return places


def _field_places(pdf, widget_pages):
    places = []
    form = pdf.Root.get("/AcroForm")
    if not isinstance(form, pikepdf.Dictionary):
        return places
    fields = form.get("/Fields")
    if not isinstance(fields, pikepdf.Array):
        return places
    stack, seen = [(field, None) for field in fields], set()
    while stack and len(seen) < MAX_FIELDS:
        field, page = stack.pop()
        if not isinstance(field, pikepdf.Dictionary):
            continue
        if field.is_indirect:
            if field.objgen in seen:
                continue
            seen.add(field.objgen)
            page = widget_pages.get(field.objgen, page)
        places.append(Place(Kind.FORM_FIELD, _text(field.get("/T")), page=page, where="field name"))
        places.append(Place(Kind.FORM_FIELD, _text(field.get("/TU")), page=page, where="field label"))
        value = field.get("/V")
        if isinstance(value, pikepdf.Name):
            value = str(value).lstrip("/")
        places.append(Place(Kind.FORM_FIELD, _text(value), page=page, where="field value"))
        options = field.get("/Opt")
        if isinstance(options, pikepdf.Array):
            texts = [_text(option) for option in options if isinstance(option, pikepdf.String)]
            places.append(Place(Kind.FORM_FIELD, "\n".join(texts), page=page, where="field option"))
        kids = field.get("/Kids")
        if isinstance(kids, pikepdf.Array):
            kid_pages = [widget_pages.get(kid.objgen) for kid in kids if kid.is_indirect]
            stack += [(kid, next((p for p in kid_pages if p), page)) for kid in kids]
    return places


def _bookmark_places(pdf):
    places = []
    outlines = pdf.Root.get("/Outlines")
    if not isinstance(outlines, pikepdf.Dictionary):
        return places
    stack, seen = [outlines.get("/First")], set()
    while stack and len(seen) < MAX_OUTLINE_ITEMS:
        item = stack.pop()
        if not isinstance(item, pikepdf.Dictionary) or item.objgen in seen:
            continue
        seen.add(item.objgen)
        places.append(Place(Kind.BOOKMARK, _text(item.get("/Title")), where="bookmark"))
        stack += [item.get("/Next"), item.get("/First")]
    return places


def _attachment_places(pdf):
    places = []
    names = pdf.Root.get("/Names")
    if not isinstance(names, pikepdf.Dictionary) or "/EmbeddedFiles" not in names:
        return places
    for name, spec in pikepdf.NameTree(names.EmbeddedFiles).items():
        places += _file_spec_places(spec, name=name)
    return places

"""Every place in a PDF where a reader or a PDF viewer could see text.

``places_in_pdf`` lists them for ``core.identifying_details.find_details``: each page's
text, the document information and XMP metadata, annotations and comments, links, form
fields, bookmarks, embedded files, layer names, and text still present under a filled box
or a picture drawn over it (a "redaction" that only covers the words; those words stay in
the page's text too, since search, copying and screen readers still get them). pdfium
reads the pages (text, what is drawn where and in which order); pikepdf reads the file's
structure. What it cannot see: words inside pictures (scans without a text layer), and
annotations' drawn appearance when it differs from their text.

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
MAX_SECONDS = 30  # for the pages, and again for the rest of the file
MAX_XMP_BYTES = 4 * 1024 * 1024
MAX_OUTLINE_ITEMS = 10_000
MAX_FIELDS = 10_000
MAX_TAGS = 200_000
# At most this many boxes a page are compared with the text.
MAX_BOXES = 5000
# The size, in points, of the squares boxes are filed by.
GRID = 36
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
    "/CreationDate": "CreationDate",
    "/ModDate": "ModDate",
}

# What each ``Place.where`` this module gives is called in the active language; any other
# (a document information entry an application made up, such as "Company") is its name.
WHERE_LABELS = {
    "Title": _("Title"),
    "Author": _("Author"),
    "Subject": _("Subject"),
    "Keywords": _("Keywords"),
    "Creator": _("Creator"),
    "Producer": _("Producer"),
    "CreationDate": _("creation date"),
    "ModDate": _("modification date"),
    "XMP metadata": _("XMP metadata"),
    "comment": _("comment"),
    "comment author": _("comment author"),
    "comment subject": _("comment subject"),
    "link": _("link"),
    "field name": _("field name"),
    "field label": _("field label"),
    "field value": _("field value"),
    "field option": _("field option"),
    "bookmark": _("bookmark"),
    "file name": _("file name"),
    "description": _("description"),
    "layer name": _("layer name"),
    "alternative text": _("alternative text"),
}


def where_label(where):
    """``Place.where`` (and ``Finding.where``) as an editor reads it, in the active language."""
    return str(WHERE_LABELS.get(where, where))


class PdfUnreadable(Exception):
    """The PDF could not be read; the message is safe to show an editor."""


# What pikepdf (qpdf), pdfium and reading a damaged file's values can raise.
READ_ERRORS = (
    pikepdf.PdfError,
    pdfium.PdfiumError,
    RuntimeError,  # qpdf's own (QpdfRuntimeError), and filters pikepdf cannot decode
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    RecursionError,
    OverflowError,
    OSError,
)


def read_bytes(file):
    """The bytes of ``file`` (bytes, a binary file object or a Django ``File``), at most
    ``MAX_BYTES``; ``PdfUnreadable`` for a larger or unreadable file."""
    if isinstance(file, bytes | bytearray | memoryview):
        data = bytes(file)
    else:
        # A Django file that is closed (a document's stored file) is opened here and
        # closed again; an open one is left open, at its start.
        opened_here = hasattr(file, "open") and getattr(file, "closed", True)
        try:
            if opened_here:
                file.open("rb")
            if hasattr(file, "seek"):
                file.seek(0)
            data = file.read(MAX_BYTES + 1)
        except (OSError, ValueError) as error:
            raise PdfUnreadable(_("The file could not be opened.")) from error
        finally:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                if opened_here:
                    file.close()
                else:
                    file.seek(0)
    if len(data) > MAX_BYTES:
        raise PdfUnreadable(_("The file is larger than 30 MB, the most that can be checked."))
    if b"%PDF-" not in data[:1024]:  # viewers allow a little before the header
        raise PdfUnreadable(_("The file is not a PDF."))
    return data


def open_structure(data):
    """The PDF opened with pikepdf, within the limits; ``PdfUnreadable`` otherwise."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as error:
        raise PdfUnreadable(_("The PDF is protected by a password.")) from error
    except READ_ERRORS as error:
        raise PdfUnreadable(_("The PDF is damaged.")) from error
    try:
        page_count = len(pdf.pages)
    except READ_ERRORS as error:
        pdf.close()
        raise PdfUnreadable(_("The PDF is damaged.")) from error
    if page_count > MAX_PAGES:
        pdf.close()
        raise PdfUnreadable(_("The PDF has more than 1,000 pages, the most that can be checked."))
    return pdf


def places_in_pdf(file) -> list[Place]:
    """The places in a PDF given as bytes, a binary file object or a Django ``File``."""
    data = read_bytes(file)
    pdf = open_structure(data)
    try:
        places = _page_places(data, len(pdf.pages))
        places += _structure_places(pdf, time.monotonic() + MAX_SECONDS)
    except READ_ERRORS as error:
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


def _page_places(data, expected_pages):
    with _pdfium_lock:
        deadline = time.monotonic() + MAX_SECONDS  # not counting the wait for another check
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
        places = [Place(Kind.TEXT, textpage.get_text_range(), page=number)]
        boxes, texts = _boxes_over_text(page)
        if boxes:
            area = page.get_mediabox()
            boxes, texts = _on_page(boxes, area), _on_page(texts, area)
            places += _covered_text(textpage, boxes, texts, number)
        return places
    finally:
        textpage.close()


def _boxes_over_text(page):
    """The boxes that could hide text drawn where text already is, and the text objects,
    each as ``(drawing order, (left, bottom, right, top))`` on the page. A box is a filled,
    dark enough, opaque enough path, or a picture (a black image pasted over words hides
    them just as well; whether a picture is dark is not worth working out, since words
    under it are in the page's text anyway). Objects inside forms (XObjects) are placed
    on the page through each form's matrix."""
    boxes, texts = [], []
    text_area = None  # the rectangle around all the text drawn so far
    order = 0
    stack = [(page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, 0, None)]
    while stack:
        parent, count, get, start, matrix = stack.pop()
        total = count(parent)
        for i in range(start, total):
            handle = get(parent, i)
            if not handle:
                continue
            kind = pdfium_c.FPDFPageObj_GetType(handle)
            order += 1
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                bounds = _bounds(handle, matrix)
                if bounds:
                    texts.append((order, bounds))
                    text_area = bounds if text_area is None else _union(text_area, bounds)
            elif kind in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE) and text_area:
                if kind == pdfium_c.FPDF_PAGEOBJ_PATH and not _hides(handle):
                    continue
                bounds = _bounds(handle, matrix)
                if bounds and _overlap(bounds, text_area) and len(boxes) < MAX_BOXES:
                    boxes.append((order, bounds))
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and len(stack) < 8:
                # Finish this container after the form's own objects, in drawing order.
                stack.append((parent, count, get, i + 1, matrix))
                inner = _then(_matrix(handle), matrix)
                stack.append(
                    (handle, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, 0, inner)
                )
                break
    return boxes, texts


def _matrix(handle):
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(handle, matrix):
        return None
    return matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f


def _then(first, second):
    """The matrix that applies ``first``, then ``second`` (None: no change)."""
    if first is None or second is None:
        return first or second
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = second
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _union(a, b):
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _bounds(handle, matrix=None):
    """An object's bounding rectangle, in the page's space when ``matrix`` places the form
    it is in."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(handle, left, bottom, right, top):
        return None
    if matrix is None:
        return left.value, bottom.value, right.value, top.value
    a, b, c, d, e, f = matrix
    corners = [
        (a * x + c * y + e, b * x + d * y + f)
        for x in (left.value, right.value)
        for y in (bottom.value, top.value)
    ]
    xs, ys = [x for x, _y in corners], [y for _x, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


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


def _on_page(items, area):
    """Items cut to the page's area (a hostile file may put them anywhere)."""
    left, bottom, right, top = area
    cut = []
    for order, bounds in items:
        inside = (max(bounds[0], left), max(bounds[1], bottom), min(bounds[2], right), min(bounds[3], top))
        if inside[0] < inside[2] and inside[1] < inside[3]:
            cut.append((order, inside))
    return cut


def _grid(items):
    """``(order, bounds)`` items by the ``GRID``-point squares they reach."""
    cells = {}
    for item in items:
        left, bottom, right, top = item[1]
        for x in range(int(left // GRID), int(right // GRID) + 1):
            for y in range(int(bottom // GRID), int(top // GRID) + 1):
                cells.setdefault((x, y), []).append(item)
    return cells


def _covered_text(textpage, boxes, texts, number):
    """The text under each box drawn after it. pdfium gives the characters a rectangle
    touches, so the box is first shrunk a little to leave out its neighbours' edges; a box
    drawn before all the text it touches (a shaded background) covers nothing."""
    text_cells = _grid(texts)
    places = []
    for order, (left, bottom, right, top) in boxes:
        inset_x = min(2.0, (right - left) * 0.1)
        inset_y = (top - bottom) * 0.25
        inner = (left + inset_x, bottom + inset_y, right - inset_x, top - inset_y)
        if not _drawn_over_text(order, inner, text_cells):
            continue
        covered = textpage.get_text_bounded(*inner).strip()
        if covered:
            places.append(Place(Kind.UNDER_BOX, covered, page=number))
    return places


def _drawn_over_text(order, bounds, text_cells):
    left, bottom, right, top = bounds
    for x in range(int(left // GRID), int(right // GRID) + 1):
        for y in range(int(bottom // GRID), int(top // GRID) + 1):
            for text_order, text_bounds in text_cells.get((x, y), ()):
                if text_order < order and _overlap(bounds, text_bounds):
                    return True
    return False


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
    places += _layer_places(pdf)
    places += _tag_places(pdf, deadline)
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


def _layer_places(pdf):
    """Layers' names, which viewers list in a panel (optional content groups)."""
    properties = pdf.Root.get("/OCProperties")
    if not isinstance(properties, pikepdf.Dictionary):
        return []
    groups = properties.get("/OCGs")
    if not isinstance(groups, pikepdf.Array):
        return []
    return [
        Place(Kind.METADATA, _text(group.get("/Name")), where="layer name")
        for group in list(groups)[:MAX_FIELDS]
        if isinstance(group, pikepdf.Dictionary)
    ]


TAG_TEXT = ("/Alt", "/ActualText", "/E", "/T")


def _tag_places(pdf, deadline):
    """What screen readers read from the tags instead of, or besides, the page: a
    picture's alternative text, a replacement text, an abbreviation's expansion, a title."""
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, pikepdf.Dictionary):
        return []
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    places, stack, seen, steps = [], [(root.get("/K"), None)], set(), 0
    while stack and steps < MAX_TAGS:
        steps += 1
        if steps % 1000 == 0:
            _check_time(deadline)
        element, page = stack.pop()
        if isinstance(element, pikepdf.Array):
            if element.is_indirect:
                if element.objgen in seen:
                    continue
                seen.add(element.objgen)
            stack += [(kid, page) for kid in element]
            continue
        if not isinstance(element, pikepdf.Dictionary):
            continue  # a marked-content number: the text itself is on the page
        if element.is_indirect:
            if element.objgen in seen:
                continue
            seen.add(element.objgen)
        on_page = element.get("/Pg")
        if isinstance(on_page, pikepdf.Dictionary) and on_page.is_indirect:
            page = pages.get(on_page.objgen, page)
        texts = [_text(element.get(key)) for key in TAG_TEXT]
        places += [Place(Kind.TEXT, text, page=page, where="alternative text") for text in texts if text]
        stack.append((element.get("/K"), page))
    return places

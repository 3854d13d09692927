"""A PDF's pages as pdfium reads them: each page's text, and the text under a box.

A box is a filled, dark enough, opaque enough shape or a picture drawn over text that was
drawn before it (a "redaction" that only covers the words; those words stay in the page's
text too, since search, copying and screen readers still get them). ``page_places`` gives
both as ``Place``s, page by page, within the limits of ``core.pdf_limits``.
"""

import ctypes
import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.utils.translation import gettext_lazy as _

from core.identifying_details import Kind, Place
from core.pdf_limits import PdfUnreadable, check_time, deadline_from_now

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


def page_places(data, expected_pages):
    """The places on every page of the PDF ``data``, which pikepdf found to have
    ``expected_pages`` pages; ``PdfUnreadable`` if pdfium cannot read it or counts others."""
    with _pdfium_lock:
        deadline = deadline_from_now()  # not counting the wait for another check
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise PdfUnreadable(_("The PDF is damaged.")) from error
        try:
            if len(document) != expected_pages:
                raise PdfUnreadable(_("The PDF is damaged."))
            places = []
            for index in range(len(document)):
                check_time(deadline)
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

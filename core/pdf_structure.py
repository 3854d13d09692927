"""A PDF's structure as pikepdf reads it: the text a viewer shows outside the pages.

``structure_places`` gives, as ``Place``s, the document information and XMP metadata
(the file's and each page's), annotations (comments, their authors and subjects, links,
attached files), form fields, bookmarks, embedded files, layer names and the tags' text
for screen readers (alternative text and the like). What it cannot see: annotations' drawn
appearance when it differs from their text.
"""

import html
import re

import pikepdf

from core.identifying_details import Kind, Place
from core.pdf_limits import check_time

MAX_XMP_BYTES = 4 * 1024 * 1024
MAX_OUTLINE_ITEMS = 10_000
MAX_FIELDS = 10_000
MAX_TAGS = 200_000

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


def structure_places(pdf, deadline):
    """The places in the structure of ``pdf`` (opened with pikepdf) that have text,
    ``PdfUnreadable`` once ``deadline`` has passed."""
    places = []
    places += _information_places(pdf)
    metadata = pdf.Root.get("/Metadata")
    if isinstance(metadata, pikepdf.Stream):
        places.append(Place(Kind.METADATA, _stream_text(metadata), where="XMP metadata"))
    widget_pages = {}
    for number, page in enumerate(pdf.pages, start=1):
        check_time(deadline)
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
            check_time(deadline)
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

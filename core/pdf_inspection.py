"""Every place in a PDF where a reader or a PDF viewer could see text.

``places_in_pdf`` lists them for ``core.identifying_details.find_details``: each page's
text, the document information and XMP metadata, annotations and comments, links, form
fields, bookmarks, embedded files, layer names, and text still present under a filled box
or a picture drawn over it (a "redaction" that only covers the words; those words stay in
the page's text too, since search, copying and screen readers still get them). What it
cannot see: words inside pictures (scans without a text layer), and annotations' drawn
appearance when it differs from their text.

This module is the entry point and owns what the places' ``where`` are called. The work
is in three modules: ``core.pdf_limits`` (the limits, ``PdfUnreadable``, opening the
file), ``core.pdf_pages`` (the pages, with pdfium) and ``core.pdf_structure`` (the rest of
the file, with pikepdf). A PDF that cannot be read within fixed limits of size, pages and
time raises ``PdfUnreadable``: a caller must treat it as not checked, never as clean.
"""

from django.utils.translation import gettext_lazy as _

from core.identifying_details import Kind, Place
from core.pdf_limits import (
    MAX_PAGES,
    READ_ERRORS,
    PdfUnreadable,
    deadline_from_now,
    open_structure,
    read_bytes,
)
from core.pdf_pages import page_places
from core.pdf_structure import DOCUMENT_INFORMATION, structure_places

__all__ = [
    "DOCUMENT_INFORMATION",
    "MAX_PAGES",
    "READ_ERRORS",
    "WHERE_LABELS",
    "PdfUnreadable",
    "open_structure",
    "places_in_document",
    "places_in_pdf",
    "read_bytes",
    "where_label",
]

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


def places_in_pdf(file) -> list[Place]:
    """The places in a PDF given as bytes, a binary file object or a Django ``File``."""
    data = read_bytes(file)
    pdf = open_structure(data)
    try:
        places = page_places(data, len(pdf.pages))
        places += structure_places(pdf, deadline_from_now())
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

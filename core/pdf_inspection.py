"""Every place in a PDF where a reader or a PDF viewer could see text.

``places_in_pdf`` lists them for ``core.identifying_details.find_details``: each page's
text, the document information and XMP metadata, annotations and comments, form fields,
bookmarks, embedded files, and text still present under a filled box drawn over it.
A PDF that cannot be read within fixed limits raises ``PdfUnreadable``.
"""

from core.identifying_details import Kind, Place


class PdfUnreadable(Exception):
    """The PDF could not be read; the message is safe to show an editor."""


def places_in_pdf(file) -> list[Place]:
    """The places in a PDF given as bytes, a binary file object or a Django ``File``."""
    raise NotImplementedError


def places_in_document(document) -> list[Place]:
    """A document's file name and, for a PDF, every place in the file."""
    places = [Place(Kind.FILE_NAME, document.filename, where="file name")]
    if document.file_extension.lower() == "pdf":
        places += places_in_pdf(document.file)
    return places

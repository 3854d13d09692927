"""Taking out of a PDF what could identify people but a reader does not need.

``clean_pdf`` rewrites the file without document information other than a neutral Title,
without XMP metadata, annotations authored by people (comments; links and form fields
stay), embedded files or JavaScript; what makes it accessible (tags, language, "show the
title") stays. Editors are told what was removed, one line an item.
"""


def clean_pdf(data: bytes, title: str) -> tuple[bytes, list[str]]:
    """The cleaned PDF and what was removed, one line an item."""
    raise NotImplementedError


def clean_document(document, title: str) -> list[str]:
    """Clean a stored PDF document's file in place and record what was removed on
    ``document.metadata_removed``; returns the lines removed this time (none for a file
    already clean, or not a PDF)."""
    raise NotImplementedError

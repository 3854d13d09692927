"""Reading facts and text out of uploaded PDFs, within fixed limits.

A broken or hostile PDF must never break an upload: every failure is logged and the
document is saved without a page count, text or accessibility facts.

When a PDF has more pages or text than is kept, the text kept is its beginning and its
end, so a search still finds the words of its last pages (conclusions, recommendations).
"""

import contextlib
import logging
import re
from typing import NamedTuple

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from core import pdf_limits

logger = logging.getLogger(__name__)

MAX_PAGES_FOR_TEXT = 300
MAX_TEXT_CHARS = 500_000
READ_ERRORS = (PyPdfError, ValueError, TypeError, LookupError, AttributeError, OSError, RecursionError)
# A language tag as PDF's /Lang holds it (BCP 47: "en-GB", "cy").
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


class AccessibilityFacts(NamedTuple):
    """What a PDF says about itself that matters to users of assistive technology.
    ``None`` (and ``""`` for the language): not known, because the file is not a PDF or
    could not be read."""

    tagged: bool | None = None
    has_title: bool | None = None
    language: str = ""


def _open(file):
    if file.size > pdf_limits.MAX_BYTES:  # the document check's limit too
        # Never the file's name: it may hold a name or an address (docs/dhr-publishing.md).
        logger.warning("A PDF of %s bytes is too large to read; saved without its text", file.size)
        return None
    file.open("rb")
    file.seek(0)
    return PdfReader(file)


def _pages_to_read(page_count):
    if page_count <= MAX_PAGES_FOR_TEXT:
        return range(page_count)
    half = MAX_PAGES_FOR_TEXT // 2
    return [*range(half), *range(page_count - half, page_count)]


def _beginning_and_end(text, limit):
    if len(text) <= limit:
        return text
    return f"{text[: limit // 2]}\n{text[len(text) - limit // 2 :]}"


def read_pdf(file, extension):
    """Return ``(page_count, text)`` for a PDF file, or ``(None, "")`` for anything else."""
    if extension.lower() != "pdf":
        return None, ""
    try:
        reader = _open(file)
        if reader is None:
            return None, ""
        page_count = len(reader.pages)
        text = "\n".join(reader.pages[number].extract_text() or "" for number in _pages_to_read(page_count))
        return page_count, _beginning_and_end(text, MAX_TEXT_CHARS).replace("\x00", "")
    except READ_ERRORS:
        logger.warning("Could not read a PDF; saved without its page count or text", exc_info=True)
        return None, ""
    finally:
        with contextlib.suppress(OSError, ValueError):
            file.seek(0)


def read_accessibility(file, extension):
    """The ``AccessibilityFacts`` of a PDF file: tagged (it says it is marked and has a
    structure tree), whether it has a title (document information or XMP), and its
    language (the catalogue's ``/Lang``)."""
    if extension.lower() != "pdf":
        return AccessibilityFacts()
    try:
        reader = _open(file)
        if reader is None:
            return AccessibilityFacts()
        catalog = reader.root_object
        mark_info = catalog.get("/MarkInfo")
        marked = mark_info.get_object().get("/Marked") if mark_info is not None else None
        marked = marked is not None and marked.get_object() == True  # noqa: E712 - a PDF boolean
        return AccessibilityFacts(
            tagged=marked and "/StructTreeRoot" in catalog,
            has_title=_has_title(reader),
            language=_language(catalog.get("/Lang")),
        )
    except READ_ERRORS:
        # Not the file's name: it may hold a name the review must not publish.
        logger.warning("Could not read the accessibility facts of a PDF", exc_info=True)
        return AccessibilityFacts()
    finally:
        with contextlib.suppress(OSError, ValueError):
            file.seek(0)


def _has_title(reader):
    info = reader.metadata
    if info is not None and str(info.title or "").strip():
        return True
    try:
        xmp = reader.xmp_metadata
        titles = (xmp.dc_title or {}) if xmp is not None else {}
    except READ_ERRORS:  # broken XMP: as good as none
        return False
    return any(str(title).strip() for title in titles.values())


def _language(value):
    tag = str(value.get_object() if value is not None else "").strip()
    return tag if len(tag) <= 35 and LANGUAGE_TAG.fullmatch(tag) else ""

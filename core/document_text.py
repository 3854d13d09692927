"""Reading facts and text out of uploaded PDFs, within fixed limits.

A broken or hostile PDF must never break an upload: every failure is logged and the
document is saved without a page count or text.
"""

import contextlib
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

MAX_BYTES = 30 * 1024 * 1024
MAX_PAGES_FOR_TEXT = 300
MAX_TEXT_CHARS = 500_000


def read_pdf(file, extension):
    """Return ``(page_count, text)`` for a PDF file, or ``(None, "")`` for anything else."""
    if extension.lower() != "pdf":
        return None, ""
    try:
        if file.size > MAX_BYTES:
            logger.warning("PDF %s is too large to read (%s bytes)", file.name, file.size)
            return None, ""
        file.open("rb")
        file.seek(0)
        reader = PdfReader(file)
        page_count = len(reader.pages)
        parts, length = [], 0
        for page in reader.pages[:MAX_PAGES_FOR_TEXT]:
            text = page.extract_text() or ""
            parts.append(text)
            length += len(text)
            if length >= MAX_TEXT_CHARS:
                break
        return page_count, "\n".join(parts)[:MAX_TEXT_CHARS].replace("\x00", "")
    except (PyPdfError, ValueError, TypeError, KeyError, OSError, RecursionError):
        logger.warning("Could not read PDF %s", getattr(file, "name", "?"), exc_info=True)
        return None, ""
    finally:
        with contextlib.suppress(OSError, ValueError):
            file.seek(0)

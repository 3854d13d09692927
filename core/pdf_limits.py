"""Reading a PDF within fixed limits, shared by inspecting and cleaning it.

It owns the limits of size, pages and time, ``PdfUnreadable`` for a file that cannot be
read within them (a caller must treat it as not checked, never as clean), the errors that
reading a damaged file can raise, and the two first steps: the file's bytes and the file
opened with pikepdf.
"""

import contextlib
import io
import time

import pikepdf
import pypdfium2 as pdfium
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 30 * 1024 * 1024
MAX_PAGES = 1000
MAX_SECONDS = 30  # for the pages, and again for the rest of the file


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


def deadline_from_now():
    """When a read starting now must have finished: ``MAX_SECONDS`` from now."""
    return time.monotonic() + MAX_SECONDS


def check_time(deadline):
    """``PdfUnreadable`` once ``deadline`` has passed."""
    if time.monotonic() > deadline:
        raise PdfUnreadable(_("The PDF took too long to read."))

"""Taking out of a PDF what could identify people but a reader does not need.

``clean_pdf`` rewrites the file (pikepdf) without document information other than a
neutral Title, without XMP metadata or applications' private data, annotations authored by
people (comments and their pop-ups, stamps, drawings; links and form fields stay),
embedded files or JavaScript. What makes it accessible stays: the tags, the language, and
viewers are told to show the Title rather than the file name. Rewriting also drops earlier
revisions of an edited file and anything no longer referenced. Editors are told what was
removed, one line an item.
"""

import contextlib
import io
import logging
import os

import pikepdf
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.pdf_inspection import (
    DOCUMENT_INFORMATION,
    READ_ERRORS,
    PdfUnreadable,
    open_structure,
    read_bytes,
    where_label,
)

logger = logging.getLogger(__name__)

DATES = {"/CreationDate", "/ModDate"}
KEPT_ANNOTATIONS = {"/Link", "/Widget"}
SCRIPT_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm"}


def clean_pdf(data: bytes, title: str) -> tuple[bytes, list[str]]:
    """The cleaned PDF and what was removed, one line an item."""
    cleaned, lines, _changed = _clean(data, title)
    return cleaned, lines


def clean_document(document, title: str) -> list[str]:
    """Clean a stored PDF document's file in place (same name, same storage) and record
    what was removed on ``document.metadata_removed``; returns the lines removed this time
    (none for a file already clean, or not a PDF). ``PdfUnreadable`` if it cannot be read."""
    if document.file_extension.lower() != "pdf":
        return []
    cleaned, lines, changed = _clean(read_bytes(document.file), title)
    if not changed:
        return lines
    storage, name = document.file.storage, document.file.name
    document.file.close()
    # A new FieldFile: the closed one would not reopen under another name.
    document.file = _replace_stored_file(storage, name, cleaned)
    document.file_size = len(cleaned)
    document._set_file_hash()
    document.metadata_removed = list(dict.fromkeys([*document.metadata_removed, *lines]))
    fields = ["file", "file_size", "file_hash", "metadata_removed"]
    if hasattr(document, "read_accessibility_facts"):
        # The file now has a title; its tags and language were kept.
        document.read_accessibility_facts()
        fields += ["pdf_tagged", "pdf_has_title", "pdf_language"]
    if document.pk:
        document.save(update_fields=fields)
    else:
        document.save()
    return lines


def _replace_stored_file(storage, name, data):
    """Store ``data`` under ``name`` in place of the file there; returns the name it is
    stored under. The cleaned copy is saved before the original is deleted, so a storage
    failure part-way leaves a file (the original, or the cleaned copy), never none."""
    root, extension = os.path.splitext(name)
    spare = storage.save(f"{root}-cleaned{extension}", ContentFile(data))
    try:
        storage.delete(name)
        stored = storage.save(name, ContentFile(data))
    except Exception:
        logger.exception("Could not replace a document's file with its cleaned copy; keeping the copy")
        return spare
    with contextlib.suppress(Exception):
        storage.delete(spare)
    return stored


def _clean(data, title):
    """``(cleaned bytes, lines, whether anything changed)``."""
    pdf = open_structure(data)
    try:
        lines = []
        changed = _clean_information(pdf, title, lines)
        changed |= _clean_metadata(pdf, lines)
        changed |= _clean_annotations(pdf, lines)
        changed |= _clean_attachments(pdf, lines)
        changed |= _clean_scripts(pdf, lines)
        changed |= _show_title(pdf)
        changed |= pdf.is_encrypted  # an owner password only: saved without it
        if not changed:
            return data, lines, False
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
        return out.getvalue(), lines, True
    except READ_ERRORS as error:
        raise PdfUnreadable(_("The PDF is damaged.")) from error
    finally:
        pdf.close()


def _plain(value):
    return str(value) if isinstance(value, pikepdf.String | str) else ""


def _clean_information(pdf, title, lines):
    information = pdf.trailer.get("/Info")
    before = dict(information.items()) if isinstance(information, pikepdf.Dictionary) else {}
    known = list(DOCUMENT_INFORMATION)
    # Title first, then the entries viewers show, then any others, then the dates.
    in_order = sorted(
        before, key=lambda key: (key in DATES, key not in known, known.index(key) if key in known else 0, key)
    )
    for key in in_order:
        value = before[key]
        if key == "/Title":
            old = _plain(value)
            if old and old != title:
                lines.append(_("Title '%(old)s' replaced by '%(new)s'") % {"old": old, "new": title})
        elif key in DATES:
            lines.append(
                _("Creation date removed") if key == "/CreationDate" else _("Modification date removed")
            )
        elif _plain(value):
            name = where_label(DOCUMENT_INFORMATION.get(key, key.lstrip("/")))
            lines.append(_("%(name)s '%(value)s' removed") % {"name": name, "value": _plain(value)})
        else:
            lines.append(_("%(name)s removed") % {"name": where_label(key.lstrip("/"))})
    if set(before) == {"/Title"} and _plain(before["/Title"]) == title:
        return False
    pdf.trailer.Info = pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(title)))
    return True


def _clean_metadata(pdf, lines):
    """The catalogue's XMP, and XMP or applications' private data (``/PieceInfo``) kept on
    pages, images, fonts or anywhere else in the file."""
    changed = False
    if "/Metadata" in pdf.Root:
        del pdf.Root.Metadata
        lines.append(_("XMP metadata removed"))
        changed = True
    other = 0
    for obj in pdf.objects:  # the catalogue among them
        dictionary = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
        if not isinstance(dictionary, pikepdf.Dictionary):
            continue
        for key in ("/Metadata", "/PieceInfo"):
            if key in dictionary:
                del dictionary[key]
                other += 1
    if other:
        lines.append(
            ngettext(
                "%(count)s other item of metadata removed",
                "%(count)s other items of metadata removed",
                other,
            )
            % {"count": other}
        )
        changed = True
    return changed


def _clean_annotations(pdf, lines):
    comments = attached = 0
    changed = False
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if not isinstance(annotations, pikepdf.Array):
            continue
        kept = []
        for annotation in annotations:
            subtype = annotation.get("/Subtype") if isinstance(annotation, pikepdf.Dictionary) else None
            if subtype in KEPT_ANNOTATIONS:
                _remove_script_action(annotation)
                kept.append(annotation)
                continue
            if subtype == "/FileAttachment":
                attached += 1
            elif subtype != "/Popup":
                comments += 1
            _empty(annotation)
        if len(kept) != len(annotations):
            changed = True
            if kept:
                page.obj.Annots = pikepdf.Array(kept)
            else:
                del page.obj.Annots
    if comments:
        lines.append(
            ngettext("%(count)s comment removed", "%(count)s comments removed", comments)
            % {"count": comments}
        )
    if attached:
        lines.append(
            ngettext(
                "%(count)s file attached to a page removed",
                "%(count)s files attached to pages removed",
                attached,
            )
            % {"count": attached}
        )
    return changed


def _empty(annotation):
    """A removed annotation may still be named by the tags (an ``/OBJR``): keep the object,
    but with nothing in it a person wrote."""
    if isinstance(annotation, pikepdf.Dictionary) and annotation.is_indirect:
        for key in list(annotation.keys()):
            if key not in ("/Type", "/Subtype", "/Rect", "/P", "/StructParent"):
                del annotation[key]


def _remove_script_action(annotation):
    if "/AA" in annotation:
        del annotation.AA
    action = annotation.get("/A")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") in SCRIPT_ACTIONS:
        del annotation.A


def _clean_attachments(pdf, lines):
    names = pdf.Root.get("/Names")
    count = 0
    changed = False
    if isinstance(names, pikepdf.Dictionary) and "/EmbeddedFiles" in names:
        count = len(pikepdf.NameTree(names.EmbeddedFiles).keys())
        del names.EmbeddedFiles
        changed = True
    # Associated files (PDF 2.0) and a portfolio's layout name embedded files too.
    for holder in [pdf.Root, *(page.obj for page in pdf.pages)]:
        for key in ("/AF", "/Collection"):
            if key in holder:
                del holder[key]
                changed = True
    if count:
        lines.append(
            ngettext("%(count)s embedded file removed", "%(count)s embedded files removed", count)
            % {"count": count}
        )
    return changed


def _clean_scripts(pdf, lines):
    removed = False
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        del names.JavaScript
        removed = True
    action = pdf.Root.get("/OpenAction")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") in SCRIPT_ACTIONS:
        del pdf.Root.OpenAction
        removed = True
    if "/AA" in pdf.Root:
        del pdf.Root.AA
        removed = True
    for page in pdf.pages:
        if "/AA" in page.obj:
            del page.obj.AA
            removed = True
    if removed:
        lines.append(_("JavaScript removed"))
    return removed


def _show_title(pdf):
    """Viewers show the Title, not the file name, in their title bar (PDF/UA asks it)."""
    preferences = pdf.Root.get("/ViewerPreferences")
    if isinstance(preferences, pikepdf.Dictionary):
        if preferences.get("/DisplayDocTitle") is True:
            return False
        preferences.DisplayDocTitle = True
    else:
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    return True

"""The identifying details check (docs/dhr-publishing.md, "The identifying details check"):
a review is looked through for each of its identifying details, in every document (text,
metadata, comments, bookmarks, form fields, embedded files, the file name, text under a
box drawn over it) and in the page's own public fields, before it may be published.

The base finds the places and matches the details (``core.pdf_inspection``,
``core.identifying_details``); this module knows what a review shows readers and says
where a detail is without ever repeating it: messages name the detail by its number in
the list, and log lines give only counts. A document's places are cached (keyed by the
document and its file), the details never are.
"""

import hashlib
import html
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.identifying_details import Finding, Kind, Place, find_details, parse_details
from core.pdf_inspection import PdfUnreadable, places_in_document

PLACES_CACHE_SECONDS = 7 * 24 * 60 * 60

# The review's public fields, by name: each is checked as it would be shown.
PAGE_FIELDS = [
    "title",
    "pseudonym",
    "slug",
    "summary",
    "seo_title",
    "search_description",
    "joint_review_with",
    "executive_summary",
    "public_change_note",
]
RICH_TEXT_FIELDS = {"executive_summary"}


@dataclass(frozen=True)
class Problem:
    """Something that stops the review going live: a detail found (``finding``), a
    document that could not be read, or one that is not a PDF."""

    source: str  # "document 2 (Overview report)" or "this page"
    finding: Finding | None = None
    reason: str = ""

    def __str__(self):
        if self.finding is None:
            return str(self.reason)
        return str(
            _("Identifying detail %(number)s is in %(source)s: %(place)s.")
            % {"number": self.finding.detail_number, "source": self.source, "place": describe(self.finding)}
        )


@dataclass
class Check:
    """What checking a review found."""

    details_listed: int = 0
    documents_checked: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def passed(self):
        return self.details_listed > 0 and not self.problems

    @property
    def findings(self):
        return [problem for problem in self.problems if problem.finding is not None]

    def message(self):
        """One message for the editor: why the review cannot be published, and each place."""
        problems = " ".join(str(problem) for problem in self.problems)
        return str(
            _(
                "This review cannot be published while it could identify someone. %(problems)s "
                "Remove each one from the document or field named, or upload a corrected PDF, "
                "then publish again."
            )
            % {"problems": problems}
        )

    def counts(self):
        """For log lines: numbers only, never a detail or where it is."""
        return (
            f"{len(self.findings)} finding(s), {len(self.problems) - len(self.findings)} unreadable or "
            f"not PDF, {self.documents_checked} document(s), {self.details_listed} detail(s)"
        )


def describe(finding):
    """Where a finding is, as an editor reads it: "page 3, text", "metadata (Author)"."""
    kind = Kind(finding.kind).label if finding.kind in Kind.values else finding.kind
    place = f"{kind} ({finding.where})" if finding.where and finding.where != finding.kind else str(kind)
    if finding.page:
        return str(_("page %(page)s, %(place)s") % {"page": finding.page, "place": place})
    return place


def rich_text_as_text(value):
    """Rich text as a reader sees it: tags become spaces, so paragraphs stay apart."""
    return html.unescape(re.sub(r"<[^>]*>", " ", str(value or "")))


def document_items(review):
    """The review's documents, in order, as ``(number, item)``; ``documents`` is a list
    for a review still being edited (``ReviewPageForm``)."""
    items = review.documents.all() if hasattr(review.documents, "all") else review.documents
    return [(number, item) for number, item in enumerate(items, start=1) if item.document_id]


def document_source(number, item):
    return str(_("document %(number)s (%(kind)s)") % {"number": number, "kind": item.get_kind_display()})


def child_rows(review, name):
    """The review's key findings or recommendations: a list for a review still being
    edited (``ReviewPageForm``), its rows otherwise."""
    rows = getattr(review, name, None) or []
    return list(rows.all()) if hasattr(rows, "all") else list(rows)


# What readers see of each finding and recommendation, checked like the page's own fields.
CHILD_FIELDS = {
    "key_findings": ("KeyFinding", ["text"]),
    "recommendations": ("Recommendation", ["text", "agencies", "progress_note"]),
}


def child_places(review):
    from dhr import models

    places = []
    for relation, (model_name, names) in CHILD_FIELDS.items():
        model = getattr(models, model_name)
        for number, row in enumerate(child_rows(review, relation), start=1):
            for name in names:
                label = _("%(field)s, %(item)s %(number)s") % {
                    "field": model._meta.get_field(name).verbose_name,
                    "item": model._meta.verbose_name,
                    "number": number,
                }
                places.append(Place(Kind.PAGE_FIELD, str(getattr(row, name, "") or ""), where=str(label)))
    return places


def page_places(review):
    """The review's public fields as places, each named by its label."""
    from dhr.models import ReviewDocument, ReviewPage

    places = []
    for name in PAGE_FIELDS:
        value = getattr(review, name, "") or ""
        text = rich_text_as_text(value) if name in RICH_TEXT_FIELDS else str(value)
        label = str(ReviewPage._meta.get_field(name).verbose_name)
        places.append(Place(Kind.PAGE_FIELD, text, where=label))
    # Notes published with earlier updates stay public: checked against today's list too.
    recorded = str(_("public change note published %(date)s"))
    for change in review.change_notes:
        date = date_format(timezone.localtime(change.published_at), "j F Y")
        places.append(Place(Kind.PAGE_FIELD, change.note, where=recorded % {"date": date}))
    web_version = ReviewDocument._meta.get_field("html_version").verbose_name
    for number, item in document_items(review):
        source = document_source(number, item)
        places.append(
            Place(Kind.PAGE_FIELD, rich_text_as_text(item.html_version), where=f"{web_version}, {source}")
        )
        places.append(
            Place(
                Kind.PAGE_FIELD, item.document.title, where=str(_("title of %(source)s") % {"source": source})
            )
        )
    return places + child_places(review)


def _cache_key(document):
    """Changes with the file: a replaced or cleaned file is read again."""
    file = f"{document.pk}:{document.file.name}:{document.file_size}:{document.file_hash}"
    return "dhr:document-places:v1:" + hashlib.sha256(file.encode()).hexdigest()


def document_places(document):
    """The places in ``document``'s file, from the cache if that file was read before.
    ``PdfUnreadable`` if it cannot be read (remembered too, so a bad file is read once)."""
    key = _cache_key(document) if document.pk else None
    cached = cache.get(key) if key else None
    if isinstance(cached, tuple) and len(cached) == 2:
        readable, value = cached
        if readable:
            return value
        raise PdfUnreadable(value)
    try:
        places = places_in_document(document)
    except PdfUnreadable as error:
        if key:
            cache.set(key, (False, str(error)), PLACES_CACHE_SECONDS)
        raise
    if key:
        cache.set(key, (True, places), PLACES_CACHE_SECONDS)
    return places


def unreadable(source, error):
    """The problem of a document that could not be read, checked or cleaned."""
    return Problem(
        source,
        reason=_("%(source)s could not be read (%(error)s): upload a PDF the site can read.")
        % {"source": source, "error": error},
    )


def is_pdf(document):
    return document.file_extension.lower() == "pdf"


def check_review(review):
    """Look through ``review`` (a page, a revision's object or a form's probe) for its
    identifying details; the details are read from the review and never kept."""
    details = parse_details(review.identifying_details or "")
    check = Check(details_listed=len(details))
    if not details:
        check.problems.append(
            Problem(
                str(_("this page")),
                reason=_(
                    "No identifying details are listed: list them on the 'Before publishing' tab, "
                    "one per line, so the documents and page can be checked for each."
                ),
            )
        )
    items = document_items(review)
    for number, item in items:
        source = document_source(number, item)
        if not is_pdf(item.document):
            check.problems.append(
                Problem(
                    source,
                    reason=_("%(source)s is not a PDF: review documents must be PDF files.")
                    % {"source": source},
                )
            )
            continue
        try:
            places = document_places(item.document)
        except PdfUnreadable as error:
            check.problems.append(unreadable(source, error))
            continue
        check.documents_checked += 1
        if details:
            check.problems += [Problem(source, finding) for finding in find_details(details, places)]
    if details:
        this_page = str(_("this page"))
        check.problems += [
            Problem(this_page, finding) for finding in find_details(details, page_places(review))
        ]
    return check


def summary_for_editors(check):
    """The warning an editor sees after saving a draft that would be refused."""
    count = len(check.problems)
    return ngettext(
        "Saved, but this review cannot be published yet: %(count)s problem found. %(problems)s",
        "Saved, but this review cannot be published yet: %(count)s problems found. %(problems)s",
        count,
    ) % {"count": count, "problems": " ".join(str(problem) for problem in check.problems)}

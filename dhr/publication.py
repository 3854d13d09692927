"""How a review goes live and comes down (docs/dhr-publishing.md): the requirements, the
publication and come-down dates, and what ``ReviewPage.save`` and ``ReviewPage.publish``
run, kept apart from the model so every route that publishes a review uses the same code:
the admin form, the create view, workflow approval, ``publish_scheduled`` and any other
caller of Wagtail's publish action.
"""

import calendar
import datetime
import json
import logging

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.pdf_cleaning import clean_document
from core.pdf_inspection import PdfUnreadable
from dhr.document_check import Check, check_review, document_items, document_source, unreadable
from dhr.translations import (
    SYNCHRONISED_FIELDS,
    SYNCHRONISED_PROGRESS,
    SourceNotLive,
    copy_synchronised_fields,
    source_for_publishing,
)
from i18n.languages import page_language

logger = logging.getLogger(__name__)

DEFAULT_PUBLICATION_MONTHS = 12

# Each requirement: the field that must be filled in or ticked, and what the message
# says is missing.
REQUIREMENTS = [
    ("home_office_approval_date", _("the Home Office approval date")),
    ("checklist_pseudonym_agreed", _("confirmation that the family agreed the pseudonym")),
    ("checklist_family_told", _("confirmation that the family were told the publication date")),
    ("checklist_documents_anonymised", _("confirmation that the documents are anonymised")),
    ("checklist_home_office_approved", _("confirmation that Home Office approval was received")),
    ("identifying_details", _("the identifying details to check for")),
]


class ReviewNotReadyToPublish(PermissionDenied):
    """Raised when something tries to make a review live before it is ready.

    A ``PermissionDenied``, like Wagtail's own publish permission error, so that a route
    without its own form (such as a workflow approval) answers 403, not 500, and the
    surrounding transaction is rolled back.
    """

    def __init__(self, missing):
        self.missing = list(missing)
        super().__init__(str(missing_message(self.missing)))

    def for_log(self):
        return str(missing_message(self.missing))


class ReviewCouldIdentifySomeone(ReviewNotReadyToPublish):
    """Raised when a review about to go live still has an identifying detail in a document
    or field, or a document that could not be checked (``dhr.document_check``). The message
    says where, never what."""

    def __init__(self, check):
        self.missing = []
        self.check = check
        PermissionDenied.__init__(self, check.message())

    def for_log(self):
        """Counts only: never a detail or where it is."""
        return self.check.counts()


def missing_requirements(review):
    """Field names of the requirements ``review`` does not meet yet, in checklist order."""
    return [name for name, _label in REQUIREMENTS if not _is_met(getattr(review, name))]


def _is_met(value):
    """Ticked, given, or (for the identifying details) more than blank lines."""
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def requirement_label(name):
    return dict(REQUIREMENTS)[name]


def missing_message(missing):
    items = "; ".join(str(requirement_label(name)) for name in missing)
    return format_lazy(_("This review cannot be published until it has {items}."), items=items)


def add_months(day, months):
    """``day`` moved on by whole calendar months; 31 January + 1 month is 28/29 February."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def start_of_day(day):
    """Midnight at the start of ``day``, UK time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def publication_date_for(review, at=None):
    """The date readers see as "Published": the editor's date, or the day it goes live."""
    if review.publication_date:
        return review.publication_date
    at = at or timezone.now()
    go_live = review.go_live_at if review.go_live_at and review.go_live_at > at else at
    return timezone.localdate(go_live)


def comes_down_at(review, months, at=None):
    """When the review leaves the site: the end of its "keep online until" date if set,
    otherwise its publication date plus the site's publication period."""
    if review.keep_online_until:
        return start_of_day(review.keep_online_until + datetime.timedelta(days=1))
    return start_of_day(add_months(publication_date_for(review, at), months))


def apply_publication_dates(review, months, at=None):
    """Fill in the publication date if blank and set ``expire_at``.

    The come-down date is worked out afresh on every publish, so a new "keep online until"
    date or a corrected publication date always takes effect.
    """
    review.publication_date = publication_date_for(review, at)
    review.expire_at = comes_down_at(review, months, at)
    return review


def check_ready(review):
    missing = missing_requirements(review)
    if missing:
        raise ReviewNotReadyToPublish(missing)


def check_documents(review):
    """Refuse ``review`` while its documents or fields hold an identifying detail; returns
    the check, or raises ``ReviewCouldIdentifySomeone``. Logged with counts only."""
    check = check_review(review)
    if not check.passed:
        logger.warning("Review pk=%s not published: %s", review.pk, check.counts())
        raise ReviewCouldIdentifySomeone(check)
    return check


def clean_documents(review, source=None):
    """Take out of each of the review's PDFs what a reader does not need (author, XMP,
    comments, embedded files), with the public link text as its only Title; what was
    removed is kept on the document for editors (``CSPDocument.metadata_removed``). A
    translation shares the English review's files, so they keep its English link text."""
    named_by = source or review
    with translation.override(page_language(named_by) if named_by.locale_id else None):
        for number, item in document_items(review):
            title = f"{item.get_kind_display()}: {named_by.title}"
            try:
                removed = clean_document(item.document, title)
            except PdfUnreadable as error:
                problem = unreadable(document_source(number, item), error)
                raise ReviewCouldIdentifySomeone(Check(problems=[problem])) from error
            if removed:
                logger.info(
                    "Review pk=%s: %s item(s) removed from document pk=%s",
                    review.pk,
                    len(removed),
                    item.document.pk,
                )


# Going live and coming down: what ReviewPage.save and ReviewPage.publish run -----------

SCHEDULED_PUBLISH_ACTION = "wagtail.publish.scheduled"


def _json_value(value):
    """``value`` as Wagtail stores it in a revision's JSON content."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _publication_months(review):
    from dhr.models.settings import publication_months_for

    return publication_months_for(review)


def prepare_to_save(review, update_fields):
    """Run before every save of ``review``; returns the ``update_fields`` to save with.

    Going live (any route that makes the page live, the last line of defence): copy the
    English page's fields to a translation, refuse a review that is not ready, and set the
    publication and come-down dates. (Being unpublished after the come-down date is
    ``mark_come_down_when_unpublished``'s.)
    """
    if _is_going_live(review, update_fields):
        source = source_for_publishing(review)
        if source is not None:
            copy_synchronised_fields(source, review)
        check_ready(review)
        check_documents(review)
        clean_documents(review, source)
        if source is None:
            apply_publication_dates(review, _publication_months(review))
        if update_fields is not None:
            update_fields = list(update_fields) + SYNCHRONISED_FIELDS + ["themes"]
    return update_fields


def mark_come_down_when_unpublished(sender, instance, **kwargs):
    """Connected to ``page_unpublished`` for every page type, because Wagtail's bulk
    unpublish and other routes unpublish a plain ``Page`` and never run
    ``ReviewPage.save``: a review unpublished on or after its come-down date, by anyone or
    anything, is marked expired, so it has come down rather than been withdrawn
    (``dhr.visibility``). One unpublished earlier is untouched and stays withdrawn."""
    from wagtail.models import Page

    from dhr.models import ReviewPage

    specific_class = instance.specific_class
    if instance.expired or specific_class is None or not issubclass(specific_class, ReviewPage):
        return
    if instance.first_published_at is None or instance.expire_at is None:
        return
    if instance.expire_at <= timezone.now():
        Page.objects.filter(pk=instance.pk).update(expired=True)
        instance.expired = True


def _is_going_live(review, update_fields):
    from wagtail.models import Page

    if not review.live:
        return False
    if update_fields is not None and not {"live", "live_revision"} & set(update_fields):
        return False
    if review.pk is None:
        return True
    row = Page.objects.filter(pk=review.pk).values("live", "live_revision_id").first()
    return row is None or not row["live"] or row["live_revision_id"] != review.live_revision_id


def _candidate(revision):
    """The review as publishing ``revision`` would make it live, and its English page (None
    for the English page itself): a translation takes the English page's synchronised
    fields first. Raises ``SourceNotLive`` if that English page is not live."""
    candidate = revision.as_object()
    source = source_for_publishing(candidate)
    if source is not None:
        copy_synchronised_fields(source, candidate)
    return candidate, source


def refusal_for(revision):
    """What stops ``revision`` going live, as a message for the editor, or None when
    publishing it would not be refused: the checks ``prepare_to_publish`` makes, asked
    before a route (such as a workflow approval) tries, so it can say why instead of
    failing."""
    try:
        candidate, _source = _candidate(revision)
    except SourceNotLive as error:
        return str(error)
    missing = missing_requirements(candidate)
    if missing:
        return missing_message(missing)
    check = check_review(candidate)
    return None if check.passed else check.message()


def prepare_to_publish(review, revision, log_action):
    """Run before Wagtail publishes ``revision`` of ``review`` (the create view, workflow
    approval and ``publish_scheduled`` all come through ``ReviewPage.publish``).

    Returns False for a scheduled go-live that is not ready: it is cancelled and logged
    rather than raised, so one bad review does not stop ``publish_scheduled`` publishing
    other pages. Any other route that is not ready raises ``ReviewNotReadyToPublish``.
    """
    candidate, source = _candidate(revision)
    if source is not None:
        for name in SYNCHRONISED_FIELDS:
            revision.content[name] = _json_value(getattr(candidate, name))
        revision.content["themes"] = [theme.pk for theme in candidate.themes.all()]
        progress = {row.translation_key: row for row in candidate.recommendations.all()}
        for row in revision.content.get("recommendations", []):
            if row.get("translation_key") in progress:
                for name in SYNCHRONISED_PROGRESS:
                    row[name] = _json_value(getattr(progress[row["translation_key"]], name))
    try:
        check_ready(candidate)
        check_documents(candidate)
    except ReviewNotReadyToPublish as error:  # ReviewCouldIdentifySomeone too
        if log_action != SCHEDULED_PUBLISH_ACTION:
            raise
        logger.error("Scheduled publication of review pk=%s cancelled: %s", review.pk, error.for_log())
        revision.approved_go_live_at = None
        revision.save(update_fields=["approved_go_live_at"])
        return False
    if source is None:
        apply_publication_dates(candidate, _publication_months(review))
    revision.content["publication_date"] = _json_value(candidate.publication_date)
    revision.content["expire_at"] = _json_value(candidate.expire_at)
    revision.save(update_fields=["content"])
    return True

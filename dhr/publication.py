"""The publication and retention rules for completed reviews (docs/dhr-publishing.md),
kept apart from the models so every route that publishes a review uses
the same code: the admin form, ``ReviewPage.publish`` (create view, workflow approval,
``publish_scheduled``) and ``ReviewPage.save`` (any other caller of Wagtail's publish action).
"""

import calendar
import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

DEFAULT_PUBLICATION_MONTHS = 12

# Each requirement: the field that must be filled in or ticked, and what the message
# says is missing.
REQUIREMENTS = [
    ("home_office_approval_date", _("the Home Office approval date")),
    ("checklist_pseudonym_agreed", _("confirmation that the family agreed the pseudonym")),
    ("checklist_family_told", _("confirmation that the family were told the publication date")),
    ("checklist_documents_anonymised", _("confirmation that the documents are anonymised")),
    ("checklist_home_office_approved", _("confirmation that Home Office approval was received")),
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


def missing_requirements(review):
    """Field names of the requirements ``review`` does not meet yet, in checklist order."""
    return [name for name, _label in REQUIREMENTS if not getattr(review, name)]


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

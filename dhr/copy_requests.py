"""Copy requests as personal data: who may handle them, how their age is counted, how
they are exported and what the audit log records.

- Only members of the "Copy request handlers" group (``dhr.view_copyrequest``; created
  by a migration, people are added by an administrator) see, export, update or delete
  copy requests. Editing the form page is not enough, unlike other Wagtail forms.
- The form promises a reply within ``REPLY_WITHIN_WORKING_DAYS`` working days: Monday to
  Friday except the bank holidays in England and Wales listed in ``BANK_HOLIDAYS``
  (2025 to 2028, from gov.uk/bank-holidays). Outside those years weekdays are counted;
  add the next years' dates here before 2029.
- Every view, export, update and deletion is written to Wagtail's audit log under the
  actions in ``LOG_ACTIONS``, with the request's number and never what the requester sent.
"""

import datetime

from django.db.models.signals import post_delete
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

HANDLERS_GROUP = "Copy request handlers"
VIEW_PERMISSION = "dhr.view_copyrequest"
CHANGE_PERMISSION = "dhr.change_copyrequest"
REPLY_WITHIN_WORKING_DAYS = 10

VIEWED_LIST = "dhr.copy_requests.view_list"
EXPORTED = "dhr.copy_requests.export"
VIEWED = "dhr.copy_request.view"
UPDATED = "dhr.copy_request.update"
DELETED = "dhr.copy_request.delete"
LOG_ACTIONS = {
    VIEWED_LIST: (_("View copy requests"), _("Viewed the list of copy requests")),
    EXPORTED: (_("Export copy requests"), _("Exported copy requests")),
    VIEWED: (_("View a copy request"), _("Viewed a copy request")),
    UPDATED: (_("Update a copy request"), _("Updated the status of a copy request")),
    DELETED: (_("Delete a copy request"), _("Deleted a copy request")),
}

BANK_HOLIDAYS = frozenset(
    datetime.date.fromisoformat(day)
    for day in (
        # 2025
        "2025-01-01",
        "2025-04-18",
        "2025-04-21",
        "2025-05-05",
        "2025-05-26",
        "2025-08-25",
        "2025-12-25",
        "2025-12-26",
        # 2026
        "2026-01-01",
        "2026-04-03",
        "2026-04-06",
        "2026-05-04",
        "2026-05-25",
        "2026-08-31",
        "2026-12-25",
        "2026-12-28",
        # 2027
        "2027-01-01",
        "2027-03-26",
        "2027-03-29",
        "2027-05-03",
        "2027-05-31",
        "2027-08-30",
        "2027-12-27",
        "2027-12-28",
        # 2028
        "2028-01-03",
        "2028-04-14",
        "2028-04-17",
        "2028-05-01",
        "2028-05-29",
        "2028-08-28",
        "2028-12-25",
        "2028-12-26",
    )
)

# OWASP "CSV injection": a spreadsheet treats a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def can_handle(user):
    return user.is_active and user.has_perm(VIEW_PERMISSION)


def is_working_day(day):
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def working_days_between(start, end):
    """Working days after ``start`` up to and including ``end`` (dates): a request received
    on a Friday is 1 working day old on Monday."""
    days = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        days += is_working_day(day)
    return days


def reply_due(received):
    """The last working day on which a reply keeps the promise."""
    day = received
    remaining = REPLY_WITHIN_WORKING_DAYS
    while remaining:
        day += datetime.timedelta(days=1)
        remaining -= is_working_day(day)
    return day


def age(copy_request, now=None):
    """(working days since it was received, the day a reply is due), in UK time."""
    received = timezone.localdate(copy_request.submit_time)
    today = timezone.localdate(now or timezone.now())
    return working_days_between(received, today), reply_due(received)


def neutralise_formula(value):
    """A cell value a spreadsheet will show as text, never run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def register_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


def log_list(form_page, action, **data):
    log(instance=form_page, action=action, data=data)


def log_request(copy_request, action):
    log(instance=copy_request, action=action, data={"request": copy_request.pk})


def _log_deletion(sender, instance, **kwargs):
    # The audit log keeps the request's number; the row itself is gone.
    log_request(instance, DELETED)


def connect():
    from dhr.models import CopyRequest

    post_delete.connect(_log_deletion, sender=CopyRequest, dispatch_uid="dhr_copy_request_deleted")

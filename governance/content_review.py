"""Content governance: which pages are due for review, and marking a page reviewed.

Every page type derives from ``BasePage`` and so has ``last_reviewed`` and
``next_review_due``. Overdue pages stay published; they are listed on the dashboard and
in the content review report until someone checks them and marks them reviewed.
"""

import datetime

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, get_page_models
from wagtail.permissions import page_permission_policy

from core.models.base import REVIEW_INTERVAL, BasePage

MARK_REVIEWED_ACTION = "cspsite.mark_reviewed"


def reviewable_models():
    return [model for model in get_page_models() if issubclass(model, BasePage) and not model._meta.abstract]


def pages_due_for_review(user=None, on=None, within_days=0):
    """Pages whose next review is due on or before ``on`` (+ ``within_days``), soonest first.

    With ``user``, only pages that user may edit.
    """
    cutoff = (on or timezone.localdate()) + datetime.timedelta(days=within_days)
    editable = None
    if user is not None:
        editable = page_permission_policy.instances_user_has_permission_for(user, "change").values("pk")
    pages = []
    for model in reviewable_models():
        queryset = model.objects.filter(next_review_due__lte=cutoff).select_related("owner")
        if editable is not None:
            queryset = queryset.filter(pk__in=editable)
        pages.extend(queryset)
    return sorted(pages, key=lambda page: (page.next_review_due, page.title))


def mark_reviewed(page, user, on=None):
    """Record that ``page`` was checked today; its next review falls a year later.

    Only the two review fields change, on the page and on its latest revision, so the
    live content is untouched and a later publish of a draft does not undo the review.
    """
    on = on or timezone.localdate()
    next_due = on + REVIEW_INTERVAL
    type(page).objects.filter(pk=page.pk).update(last_reviewed=on, next_review_due=next_due)
    page.last_reviewed, page.next_review_due = on, next_due
    revision = page.latest_revision
    if revision is not None:
        revision.content["last_reviewed"] = on.isoformat()
        revision.content["next_review_due"] = next_due.isoformat()
        revision.save(update_fields=["content"])
    log(instance=Page.objects.get(pk=page.pk), action=MARK_REVIEWED_ACTION, user=user)
    return page

"""Content governance: which pages are due for review, and marking a page reviewed.

Every page type derives from ``BasePage`` and so has ``last_reviewed`` and
``next_review_due``. Overdue pages stay published; they are listed on the dashboard and
in the content review report until someone checks them and marks them reviewed.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, get_page_models
from wagtail.permissions import page_permission_policy

from core.models.base import REVIEW_INTERVAL, BasePage

MARK_REVIEWED_ACTION = "cspsite.mark_reviewed"


def reviewable_models():
    return [model for model in get_page_models() if issubclass(model, BasePage) and not model._meta.abstract]


class PagesDue(Sequence):
    """Pages due for review, soonest first, loaded a slice at a time.

    The order comes from one query over every page type's review dates; only the pages a
    screen shows (the dashboard's ten, a report page's fifty) are then read, with their
    owners, in one query per page type among them.
    """

    def __init__(self, keys):
        self._keys = keys  # (next_review_due, title, pk, content_type_id), in order

    def __len__(self):
        return len(self._keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._load(self._keys[index])
        return self._load([self._keys[index]])[0]

    def __iter__(self):
        return iter(self._load(self._keys))

    def __eq__(self, other):
        return list(self) == list(other)

    @staticmethod
    def _load(keys):
        pks_by_type = defaultdict(list)
        for _due, _title, pk, content_type_id in keys:
            pks_by_type[content_type_id].append(pk)
        loaded = {}
        for content_type_id, pks in pks_by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            loaded.update(
                (page.pk, page) for page in model.objects.filter(pk__in=pks).select_related("owner")
            )
        return [loaded[pk] for _due, _title, pk, _type in keys if pk in loaded]


def pages_due_for_review(user=None, on=None, within_days=0):
    """Pages whose next review is due on or before ``on`` (+ ``within_days``), soonest first
    (``PagesDue``).

    With ``user``, only pages that user may edit.
    """
    cutoff = (on or timezone.localdate()) + datetime.timedelta(days=within_days)
    editable = None
    if user is not None:
        editable = page_permission_policy.instances_user_has_permission_for(user, "change").values("pk")
    due = []
    for model in reviewable_models():
        queryset = model.objects.filter(next_review_due__lte=cutoff)
        if editable is not None:
            queryset = queryset.filter(pk__in=editable)
        due.append(queryset.order_by().values_list("next_review_due", "title", "pk", "content_type_id"))
    keys = list(due[0].union(*due[1:], all=True)) if due else []
    return PagesDue(sorted(keys))


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

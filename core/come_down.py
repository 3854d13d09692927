"""How the admin words the moment a page comes down (its ``expire_at``).

One wording on every surface that says it: a review's edit screen, the status side panel,
the DHR publication report and its export, the dashboard, and the editors' docs.
A review comes down at midnight UK time at the start of the day after its last day
online, so it is said as the end of that last day, never as "1 December, 12:00a.m.".
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def last_day_online(expire_at):
    """The last whole day a page is online, for an ``expire_at`` at midnight UK time."""
    return timezone.localtime(expire_at - datetime.timedelta(microseconds=1)).date()


def comes_down(expire_at):
    """'Comes down at the end of 30 November 2027' for an ``expire_at`` at midnight UK
    time; 'Comes down on 3 March 2028 at 14:30' for any other moment; "" for none."""
    if expire_at is None:
        return ""
    local = timezone.localtime(expire_at)
    if local.time() == datetime.time(0, 0):
        return _("Comes down at the end of %(day)s") % {
            "day": date_format(last_day_online(expire_at), "j F Y")
        }
    return _("Comes down on %(day)s at %(time)s") % {
        "day": date_format(local.date(), "j F Y"),
        "time": date_format(local, "H:i"),
    }

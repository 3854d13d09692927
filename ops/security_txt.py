"""``/.well-known/security.txt`` (RFC 9116): whom to tell about a security problem with
the site, and until when that is true.

The contact and the expiry come from settings (``SECURITY_TXT_CONTACT``,
``SECURITY_TXT_EXPIRES``, optionally ``SECURITY_TXT_POLICY``), so an operator keeps them
current without a release. Without a contact or an expiry there is nothing true to say:
the file answers 404 and ``check --deploy`` says what to set. An expiry that has passed is
still served as written (RFC 9116 asks readers to treat it as stale) and ``check --deploy``
warns about it, as it does about one more than a year ahead.
"""

import datetime

from django.conf import settings
from django.core.checks import Warning, register
from django.http import HttpResponse, HttpResponseNotFound
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_safe

from i18n.languages import html_lang, offered_languages

CONTACT_SCHEMES = ("mailto:", "https://", "tel:")
LONGEST_EXPIRY = datetime.timedelta(days=366)


def contacts():
    return [value for value in settings.SECURITY_TXT_CONTACT if value.startswith(CONTACT_SCHEMES)]


def expires():
    """The configured expiry as an aware UTC datetime, or None if unset or not a date.

    A date alone means the start of that day in UTC.
    """
    value = (settings.SECURITY_TXT_EXPIRES or "").strip()
    moment = parse_datetime(value)
    if moment is None and (day := parse_date(value)) is not None:
        moment = datetime.datetime.combine(day, datetime.time.min)
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment.astimezone(datetime.UTC)


@require_safe
def security_txt(request):
    found, until = contacts(), expires()
    if not found or until is None:
        return HttpResponseNotFound(
            "No security contact is configured for this site.\n", content_type="text/plain; charset=utf-8"
        )
    lines = [f"Contact: {contact}" for contact in found]
    lines.append(f"Expires: {until:%Y-%m-%dT%H:%M:%SZ}")
    if settings.SECURITY_TXT_POLICY:
        lines.append(f"Policy: {settings.SECURITY_TXT_POLICY}")
    lines.append(f"Preferred-Languages: {', '.join(html_lang(code) for code in offered_languages(request))}")
    lines.append(f"Canonical: {request.build_absolute_uri()}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@register(deploy=True)
def check_security_txt(app_configs, **kwargs):
    problems = []
    if not contacts():
        problems.append(
            Warning(
                "security.txt has no contact, so /.well-known/security.txt answers 404.",
                hint="Set SECURITY_TXT_CONTACT to a mailto:, https:// or tel: address "
                "(several separated by commas).",
                id="ops.W101",
            )
        )
    until = expires()
    if until is None:
        problems.append(
            Warning(
                "security.txt has no expiry (or it is not a date).",
                hint="Set SECURITY_TXT_EXPIRES to a date less than a year ahead, such as 2027-10-31.",
                id="ops.W102",
            )
        )
    elif until <= timezone.now():
        problems.append(
            Warning(
                f"security.txt expired on {until:%Y-%m-%d}.",
                hint="Check the contact is still right and set SECURITY_TXT_EXPIRES to a date "
                "less than a year ahead.",
                id="ops.W103",
            )
        )
    elif until > timezone.now() + LONGEST_EXPIRY:
        problems.append(
            Warning(
                f"security.txt expires on {until:%Y-%m-%d}, more than a year ahead.",
                hint="RFC 9116 asks for an expiry less than a year ahead, so the file is checked at "
                "least once a year.",
                id="ops.W104",
            )
        )
    return problems

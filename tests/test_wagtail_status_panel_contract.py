"""The site's copy of Wagtail's status side panel template is Wagtail's own, with only its
expiry lines changed to the site's come-down wording (core/come_down.py). Rebuilt here
from the installed Wagtail's file: when an upgrade changes Wagtail's, this fails, and the
copy is made again from the new one."""

from pathlib import Path

import wagtail

NAME = "wagtailadmin/shared/side_panels/includes/status/workflow.html"
WAGTAIL = Path(wagtail.__file__).parent / "admin" / "templates" / NAME
OURS = Path(__file__).resolve().parents[1] / "core" / "templates" / NAME
HEADER_LINES = 6  # the comment after {% extends %} that says why the copy exists

CHANGES = [
    ("{% load wagtailadmin_tags i18n %}", "{% load wagtailadmin_tags i18n come_down_tags %}"),
    (
        """                                    <div>
                                        <span class="w-text-grey-600">{% trans 'Expiry:' %}</span>
                                        {{ live_expire_at }}
                                    </div>""",
        "                                    <div>{{ live_expire_at|comes_down }}</div>",
    ),
    (
        """<div><span class="w-text-grey-600">{% trans 'Expiry:' %}</span> {{ scheduled_expire_at }}</div>""",
        "<div>{{ scheduled_expire_at|comes_down }}</div>",
    ),
    (
        """<div><span class="w-text-grey-600">{% trans 'Expiry:' %}</span> {{ draft_expire_at }}</div>""",
        "<div>{{ draft_expire_at|comes_down }}</div>",
    ),
]


def test_our_status_panel_is_wagtails_with_only_the_come_down_wording_changed():
    expected = WAGTAIL.read_text()
    for old, new in CHANGES:
        assert expected.count(old) == 1, f"Wagtail's template changed near: {old!r}"
        expected = expected.replace(old, new)
    lines = OURS.read_text().splitlines(keepends=True)
    assert "".join(lines[:1] + lines[1 + HEADER_LINES :]) == expected
    assert "Expiry:" not in OURS.read_text()


def test_django_finds_our_copy_first():
    from django.template.loader import get_template

    assert Path(get_template(NAME).origin.name) == OURS

"""England or Wales: the defaults that differ between an English and a Welsh partnership.

``SiteSettings.nation`` chooses. Wales offers the Welsh site at /cy/ (Welsh Language
Standards), puts Live Fear Free first among the helplines and names the local
NHS body a Local Health Board; England has no Welsh and an Integrated Care Board.
Sections add their own differences (the DHR section: ``ReviewType.for_nation``).
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from i18n.languages import WELSH


class Nation(models.TextChoices):
    ENGLAND = "england", _("England")
    WALES = "wales", _("Wales")


NATIONAL_HELPLINE = {
    "name": _("National Domestic Abuse Helpline"),
    "number": "0808 2000 247",
    "hours": _("24 hours a day, every day"),
    "text_number": "",
    "description": _(
        "Free, confidential support for anyone experiencing domestic abuse, and for people "
        "worried about someone."
    ),
}
MENS_ADVICE_LINE = {
    "name": _("Men's Advice Line"),
    "number": "0808 801 0327",
    "hours": "",
    "text_number": "",
    "description": _("Support for men experiencing domestic abuse."),
}
LIVE_FEAR_FREE = {
    "name": _("Live Fear Free"),
    "number": "0808 80 10 800",
    "hours": _("24 hours a day, every day"),
    "text_number": "07860 077333",
    "description": _("Help and advice in Wales on domestic abuse and sexual violence, in Welsh or English."),
}

# Shown while a site has no helplines of its own in Site settings, in this order.
DEFAULT_HELPLINES = {
    Nation.ENGLAND: [NATIONAL_HELPLINE, MENS_ADVICE_LINE],
    Nation.WALES: [LIVE_FEAR_FREE, NATIONAL_HELPLINE, MENS_ADVICE_LINE],
}


def in_welsh():
    return translation.get_language() == WELSH


class NationMixin:
    """What ``SiteSettings`` works out from its ``nation`` and Welsh fields."""

    @property
    def welsh_offered(self):
        return self.nation == Nation.WALES

    @property
    def nhs_body(self):
        """The kind of local NHS body that is a responsible authority under section 5 of
        the Crime and Disorder Act 1998 in this nation."""
        if self.nation == Nation.WALES:
            return _("Local Health Board")
        return _("Integrated Care Board")

    @property
    def display_name(self):
        """The organisation's name in the reader's language."""
        if in_welsh() and self.welsh_offered and self.organisation_name_cy:
            return self.organisation_name_cy
        return self.organisation_name

    @property
    def display_helplines(self):
        """The helplines in the reader's language: each a dict of name, number, hours,
        text_number, description and ``english``, the fields shown in English on a Welsh
        page for want of a Welsh version (marked ``lang="en-GB"``). The nation's national helplines while the site has none of its own."""
        welsh = in_welsh() and self.welsh_offered
        if not self.helplines:
            return [{**line, "english": ()} for line in DEFAULT_HELPLINES[Nation(self.nation)]]
        lines = []
        for block in self.helplines:
            value = block.value
            line = {
                field: value[field] for field in ("name", "number", "hours", "text_number", "description")
            }
            line["english"] = ()
            if welsh:
                english = []
                for field in ("name", "hours", "description"):
                    if value.get(f"{field}_cy"):
                        line[field] = value[f"{field}_cy"]
                    elif value[field]:
                        english.append(field)
                line["english"] = tuple(english)
            lines.append(line)
        return lines

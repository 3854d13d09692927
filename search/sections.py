"""The sections that search results are labelled and filtered by.

A page belongs to the section of its top-level page (the child of the site's home page it
sits under). A top-level page belongs to a section when its slug is listed for it or its
page type comes from one of the section's apps; everything else is "Other pages". Add a
section to ``SECTIONS`` and the labels, filter and counts follow.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from navigation.menus import top_level_pages


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    slugs: tuple[str, ...] = ()
    app_labels: tuple[str, ...] = ()
    show_helplines: bool = False

    def claims(self, top_level_page):
        if top_level_page.slug in self.slugs:
            return True
        content_type = ContentType.objects.get_for_id(top_level_page.content_type_id)
        return content_type.app_label in self.app_labels


SECTIONS = (
    Section(
        "reviews",
        _("Domestic homicide reviews"),
        slugs=("domestic-homicide-reviews",),
        app_labels=("dhr",),
        show_helplines=True,
    ),
    Section(
        "duties",
        _("Statutory duties and workstreams"),
        slugs=("statutory-duties", "workstreams"),
        app_labels=("duties",),
    ),
)
OTHER = Section("other", _("Other pages"))
ALL_SECTIONS = (*SECTIONS, OTHER)
SECTIONS_BY_KEY = {section.key: section for section in ALL_SECTIONS}


class SiteSections:
    """Which section each top-level page of one site belongs to (one query, shared with
    the main navigation when ``request`` is given)."""

    def __init__(self, root_page, request=None):
        self.prefix_length = len(root_page.path) + Page.steplen
        self.top_level_pages = top_level_pages(root_page, request)
        self.section_by_path = {}
        for page in self.top_level_pages:
            self.section_by_path[page.path] = next(
                (section for section in SECTIONS if section.claims(page)), OTHER
            )

    def section_for(self, path):
        return self.section_by_path.get(path[: self.prefix_length], OTHER)

    def filter_for(self, section):
        """A ``Q`` on ``path`` (a search filter field) selecting the pages of ``section``."""
        if section is OTHER:
            q = Q()
            for path, owner in self.section_by_path.items():
                if owner is not OTHER:
                    q &= ~Q(path__startswith=path)
            return q
        paths = [path for path, owner in self.section_by_path.items() if owner is section]
        if not paths:
            return Q(pk__in=[])
        q = Q()
        for path in paths:
            q |= Q(path__startswith=path)
        return q

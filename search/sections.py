"""The sections that search results are labelled and filtered by, as the section apps
declare them.

A section app says how search should treat its pages with a ``search_section`` on its
``AppConfig``, a dictionary of:

- ``key``: the section's name in search addresses (``?section=...``);
- ``label``: what readers see on results and in the filter;
- ``slugs``: top-level pages that belong to it whatever their page type (optional);
- ``show_helplines``: whether searches filtered to it show the helplines box (optional);
- ``helpline_stems``: word beginnings in its own vocabulary that suggest a reader may
  need help, added to the site-wide ones in ``search.query`` (optional);
- ``no_results_note``: a sentence for the "no results" page, such as where to find what
  the section no longer shows (optional);
- ``synonyms``: groups of terms that mean the same in its subject, each a tuple such as
  ``("DHR", "domestic homicide review")``, used as editors' search synonyms are
  (``search.synonyms``) but not editable (optional).

A page belongs to the section of its top-level page (the child of the site's home page it
sits under): the section listing that page's slug, or else the section whose app the
page's type comes from. Everything else is "Other pages". Sections are read from the
installed apps on first use, in ``INSTALLED_APPS`` order.
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
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
    helpline_stems: tuple[str, ...] = ()
    no_results_note: str = ""
    synonyms: tuple[tuple[tuple[str, ...], ...], ...] = ()

    def claims(self, top_level_page):
        if top_level_page.slug in self.slugs:
            return True
        content_type = ContentType.objects.get_for_id(top_level_page.content_type_id)
        return content_type.app_label in self.app_labels


OTHER = Section("other", _("Other pages"))


DECLARED = {"key", "label", "slugs", "show_helplines", "helpline_stems", "no_results_note", "synonyms"}


def _phrase_groups(declared):
    """Each declared group of terms as a tuple of search-word tuples."""
    from .query import words_of

    groups = []
    for terms in declared:
        phrases = tuple(dict.fromkeys(tuple(words_of(term)) for term in terms if words_of(term)))
        if len(phrases) > 1:
            groups.append(phrases)
    return tuple(groups)


def section_from(app_config):
    """The section ``app_config`` declares, or ``None``."""
    declared = getattr(app_config, "search_section", None)
    if declared is None:
        return None
    unknown, missing = set(declared) - DECLARED, {"key", "label"} - set(declared)
    if unknown or missing:
        raise ImproperlyConfigured(
            f"{app_config.name}: search_section has unknown {sorted(unknown)}, lacks {sorted(missing)}"
        )
    return Section(
        key=declared["key"],
        label=declared["label"],
        slugs=tuple(declared.get("slugs", ())),
        app_labels=(app_config.label,),
        show_helplines=bool(declared.get("show_helplines", False)),
        helpline_stems=tuple(stem.lower() for stem in declared.get("helpline_stems", ())),
        no_results_note=declared.get("no_results_note", ""),
        synonyms=_phrase_groups(declared.get("synonyms", ())),
    )


@cache
def sections():
    """Every declared section, in ``INSTALLED_APPS`` order (not "Other pages")."""
    found = [section for section in map(section_from, apps.get_app_configs()) if section]
    keys = [section.key for section in found] + [OTHER.key]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ImproperlyConfigured(f"Two search sections share the key {', '.join(duplicates)}")
    return tuple(found)


def all_sections():
    """The declared sections, then "Other pages": the order of the filter."""
    return (*sections(), OTHER)


def section_by_key(key):
    """The section named ``key`` in a search address, or ``None``."""
    return next((section for section in all_sections() if section.key == key), None)


class SiteSections:
    """Which section each top-level page of one site belongs to (one query, shared with
    the main navigation when ``request`` is given)."""

    def __init__(self, root_page, request=None):
        self.prefix_length = len(root_page.path) + Page.steplen
        self.top_level_pages = top_level_pages(root_page, request)
        self.section_by_path = {}
        for page in self.top_level_pages:
            self.section_by_path[page.path] = next(
                (section for section in sections() if section.claims(page)), OTHER
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

"""The Welsh interface: every string in the code has a Welsh translation, and it is used.

The catalogue is locale/cy/LC_MESSAGES/django.po. ``make messages-update`` refreshes it
from the code and ``make messages`` compiles it (ops/management/commands/). Extracting the
strings needs GNU gettext's xgettext: without it the completeness check is skipped on a
developer's machine but fails in CI, which installs gettext (.ci/run).
"""

import datetime
import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import ngettext

from dhr.models import ReviewPage, ReviewType
from i18n.management.commands.makemessages import IGNORE_PATTERNS

CATALOGUE = Path(django_settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"
GOVUK_COMPONENTS = (
    Path(django_settings.BASE_DIR) / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "components"
)
MAIN_JS = Path(django_settings.PROJECT_DIR) / "static_src" / "js" / "main.mjs"
# Placeholders and markup that a translation must keep exactly.
KEPT = re.compile(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>")


def entry_key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def describe(key):
    context, msgid, plural = key
    return (
        f"{msgid!r}"
        + (f" (plural {plural!r})" if plural else "")
        + (f" [context {context!r}]" if context else "")
    )


def is_translated(entry):
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def translations_of(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


@pytest.fixture
def welsh_catalogue(settings, tmp_path):
    """The committed Welsh catalogue, compiled by the build's own command into a copy, and
    the only catalogue of the site's strings Django sees for the test."""
    locale = tmp_path / "locale"
    shutil.copytree(CATALOGUE.parent.parent.parent, locale)
    for compiled in locale.glob("*/LC_MESSAGES/*.mo"):
        compiled.unlink()
    settings.LOCALE_PATHS = [locale]
    call_command("compile_translations", verbosity=0)
    assert (locale / "cy" / "LC_MESSAGES" / "django.mo").exists()
    return locale


def copy_of_the_source(target):
    """The repository as makemessages sees it, without the catalogue: makemessages writes to
    a ``locale`` folder above the files it reads, so it must not run in the real tree."""
    root = Path(django_settings.BASE_DIR)
    skipped = set(IGNORE_PATTERNS) | {"__pycache__"}

    def ignore(folder, names):
        relative = Path(folder).relative_to(root)
        return [
            name
            for name in names
            if name.startswith(".") or name in skipped or str(relative / name) in skipped
        ]

    shutil.copytree(root, target, ignore=ignore)
    return target


def test_makemessages_finds_no_string_missing_from_the_welsh_catalogue(settings, tmp_path, monkeypatch):
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("xgettext (GNU gettext) is needed to check the Welsh catalogue; CI installs it.")
        pytest.skip("xgettext (GNU gettext) is not installed")
    # The project's makemessages (ops/management/commands/makemessages.py), as
    # `make messages-update` runs it, on a copy of the code with an empty catalogue.
    monkeypatch.chdir(copy_of_the_source(tmp_path / "source"))
    settings.LOCALE_PATHS = [tmp_path / "source" / "locale"]
    call_command("makemessages", locale=["cy"], verbosity=0)
    extracted = polib.pofile(str(tmp_path / "source" / "locale" / "cy" / "LC_MESSAGES" / "django.po"))
    committed = {entry_key(entry): entry for entry in polib.pofile(str(CATALOGUE))}

    assert len(extracted) > 400, "makemessages found far fewer strings than the site has"
    problems = []
    for entry in extracted:
        key = entry_key(entry)
        welsh = committed.get(key)
        if welsh is None or welsh.obsolete:
            problems.append(f"missing: {describe(key)}")
        elif not is_translated(welsh):
            problems.append(f"not translated: {describe(key)}")
        elif welsh.fuzzy:
            problems.append(f"fuzzy: {describe(key)}")
    assert not problems, (
        "Strings in the code without a Welsh translation in locale/cy/LC_MESSAGES/django.po. "
        "Run `make messages-update`, translate them, then `make messages`:\n" + "\n".join(problems)
    )


def test_welsh_catalogue_is_complete_and_keeps_every_placeholder():
    catalogue = polib.pofile(str(CATALOGUE))
    assert catalogue.metadata["Language"] == "cy"
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=6;")
    assert "professional Welsh" in catalogue.header, (
        "the header must say the draft awaits professional review"
    )
    problems = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if not is_translated(entry) or entry.fuzzy:
            problems.append(f"untranslated or fuzzy: {entry.msgid!r}")
            continue
        if entry.msgid_plural and len(entry.msgstr_plural) != 6:
            problems.append(f"needs all 6 Welsh plural forms: {entry.msgid!r}")
        english = sorted(KEPT.findall(entry.msgid_plural or entry.msgid))
        for welsh in translations_of(entry):
            if sorted(KEPT.findall(welsh)) != english:
                problems.append(f"placeholders or markup differ: {entry.msgid!r} -> {welsh!r}")
    assert not problems, "\n".join(problems)


def test_compiled_welsh_catalogue_is_used_when_welsh_is_active(welsh_catalogue, home_page, rf):
    request = rf.get("/missing/")
    request.user = AnonymousUser()
    with translation.override("cy"):
        welsh = render_to_string("404.html", request=request)
        two_pages = ngettext("%(counter)s page", "%(counter)s pages", 2) % {"counter": 2}
        six_pages = ngettext("%(counter)s page", "%(counter)s pages", 6) % {"counter": 6}
    english = render_to_string("404.html", request=request)

    assert '<html lang="cy"' in welsh
    assert "Neidio i&#x27;r prif gynnwys" in welsh or "Neidio i'r prif gynnwys" in welsh
    assert "Skip to main content" not in welsh
    assert "Heb ddod o hyd i" in welsh and "Page not found" not in welsh
    assert "Chwilio" in welsh
    assert "Skip to main content" in english
    # Welsh plural forms: the number's mutation, not an English-style plural.
    assert (two_pages, six_pages) == ("2 dudalen", "6 thudalen")


def test_500_page_is_in_welsh_when_welsh_is_active(welsh_catalogue):
    with translation.override("cy"):
        html = render_to_string("500.html")
    assert '<html lang="cy" class="govuk-template">' in html
    assert "problem gyda&#x27;r gwasanaeth" in html or "problem gyda'r gwasanaeth" in html
    assert "ffoniwch 999" in html
    assert "Sorry" not in html


def imported_govuk_components():
    """The GOV.UK Frontend components main.mjs starts, as their folder names."""
    imports = re.search(r"import\s*{([^}]*)}\s*from\s*\"govuk-frontend\"", MAIN_JS.read_text())
    names = [
        name.strip() for name in imports.group(1).split(",") if name.strip() and name.strip() != "createAll"
    ]
    return [re.sub(r"(?<!^)([A-Z])", r"-\1", name).lower() for name in names]


def component_i18n_keys(folder):
    """The keys of the English text a component's JavaScript shows (its defaults.i18n)."""
    source = (GOVUK_COMPONENTS / folder / f"{folder}.mjs").read_text()
    defaults = re.search(r"\.defaults = Object\.freeze\(\{\s*i18n: \{(.*?)\}", source, re.S)
    if not defaults:
        return []
    return re.findall(r"^\s*(\w+):", defaults.group(1), re.M)


# Where each component whose JavaScript shows text gets that text from our templates.
COMPONENT_TEMPLATES = {
    "accordion": (
        "components/streamfield/blocks/accordion.html",
        {"value": {"sections": [{"heading": "Pennawd", "content": ""}]}, "block_id": "a"},
    ),
    "exit-this-page": ("components/exit_this_page.html", {}),
}


@pytest.mark.skipif(not GOVUK_COMPONENTS.exists(), reason="node_modules is not installed")
def test_every_govuk_component_text_comes_from_a_welsh_string(welsh_catalogue):
    """Every text a GOV.UK Frontend component's JavaScript shows is set by a data-i18n
    attribute from a translated string, so none appears in English on a Welsh page."""
    components = imported_govuk_components()
    assert "accordion" in components and "exit-this-page" in components
    problems = []
    for folder in components:
        keys = component_i18n_keys(folder)
        if not keys:
            continue
        if folder not in COMPONENT_TEMPLATES:
            problems.append(f"{folder} shows text ({', '.join(keys)}) but no template gives it Welsh")
            continue
        template, context = COMPONENT_TEMPLATES[folder]
        with translation.override("cy"):
            welsh = render_to_string(template, context)
        english = render_to_string(template, context)
        for key in keys:
            attribute = "data-i18n." + re.sub(r"([A-Z])", r"-\1", key).lower()
            welsh_value = re.search(rf'{re.escape(attribute)}="([^"]+)"', welsh)
            english_value = re.search(rf'{re.escape(attribute)}="([^"]+)"', english)
            if not welsh_value or not english_value:
                problems.append(f"{template} has no {attribute}")
            elif welsh_value.group(1) == english_value.group(1):
                problems.append(f"{template}: {attribute} is not translated ({english_value.group(1)!r})")
    assert not problems, "\n".join(problems)


def test_welsh_exit_this_page_and_accordion_texts(welsh_catalogue):
    with translation.override("cy"):
        exit_page = render_to_string("components/exit_this_page.html", {})
        accordion = render_to_string(*COMPONENT_TEMPLATES["accordion"])
    assert "Gadael y dudalen hon" in exit_page
    assert 'data-i18n.press-two-more-times="Shift, pwyswch 2 waith eto i adael."' in exit_page
    assert 'data-i18n.show-all-sections="Dangos pob adran"' in accordion


def test_dates_read_in_welsh(welsh_catalogue):
    day = datetime.date(2025, 3, 3)
    with translation.override("cy"):
        assert date_format(day) == "3 Mawrth 2025"
        assert (
            date_format(datetime.datetime(2025, 3, 3, 14, 30), "DATETIME_FORMAT")
            == "3 Mawrth 2025, 2:30 y.h."
        )
    assert date_format(day) == "3 March 2025"


def test_review_title_is_built_in_the_language_asked_for_not_the_active_one(welsh_catalogue):
    welsh = ReviewPage.title_for(ReviewType.SUSR, "Lesley", "cy")
    assert welsh == "Adolygiad Diogelu Unedig Sengl i farwolaeth 'Lesley'"
    with translation.override("cy"):
        english = ReviewPage.title_for(ReviewType.DHR, "Lesley")
    assert english == "Domestic Homicide Review into the death of 'Lesley'"

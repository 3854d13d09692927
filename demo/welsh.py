"""Welsh demo content, for ``load_demo_content --nation wales``.

The home page, the DHR section page (its guidance) and the request-a-copy form are
translated the way editors translate them: through wagtail-localize, by importing a PO
file (``demo/content/cy.po``, English text to Welsh text). Each Welsh page is then
put into the "Welsh translation check" workflow, so the admin shows it as awaiting a
professional translator: the demo's Welsh is a draft, not a checked translation.
"""

from pathlib import Path

import polib
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Locale, Workflow, WorkflowTask
from wagtail_localize.models import Translation, TranslationSource

from i18n.languages import WELSH
from i18n.localize_internals import save_draft

CATALOGUE = Path(__file__).parent / "content" / "cy.po"
WORKFLOW_NAME = "Welsh translation check"
TASK_NAME = "Check by a professional Welsh translator"


class MissingWelshText(Exception):
    pass


def welsh_text():
    """English segment text to its Welsh translation, from the demo catalogue."""
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(CATALOGUE)) if entry.msgstr}


def translation_check_workflow():
    """A workflow with one task for the Moderators group. It is not attached to any part
    of the tree: pages are put into it one by one, as a marker that their Welsh needs a
    professional translator's check before anyone relies on it."""
    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    task.groups.set(Group.objects.filter(name="Moderators"))
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def translation_of(page, locale):
    """wagtail-localize's translation of ``page`` into ``locale``, from the page as it is
    now (made the first time, refreshed after)."""
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    return translation


def translate(page, locale, texts, user=None):
    """Create or refresh ``page``'s translation into ``locale`` from ``texts`` and publish it,
    as a moderator would: wagtail-localize saves a translation as a draft, then its latest
    revision is published.

    Raises ``MissingWelshText`` listing any of the page's text with no Welsh in ``texts``,
    before anything is saved.
    """
    translation = translation_of(page, locale)
    po = translation.export_po()
    missing = [entry.msgid for entry in po if entry.msgid not in texts]
    if missing:
        raise MissingWelshText(
            f"{len(missing)} strings of '{page.title}' have no Welsh in {CATALOGUE.name}:\n"
            + "\n".join(f"  {msgid!r}" for msgid in missing)
        )
    for entry in po:
        entry.msgstr = texts[entry.msgid]
    translation.import_po(po, user=user, tool_name="demo content")
    save_draft(translation, user)
    welsh = page.get_translation(locale)
    welsh.get_latest_revision().publish(user=user)
    return welsh


def mark_for_translation_check(page, workflow, user=None):
    if page.workflow_in_progress:
        return
    workflow.start(page, user)


def load(pages, user=None):
    """Translate ``pages`` (parents before children) into Welsh and mark each for a check.

    Each page in its own transaction, committed before the next starts, so a page that
    does not translate leaves the pages before it in place.
    """
    locale, _ = Locale.objects.get_or_create(language_code=WELSH)
    texts = welsh_text()
    workflow = translation_check_workflow()
    translated = []
    for page in pages:
        with transaction.atomic():
            welsh = translate(page.specific, locale, texts, user)
        welsh = type(welsh).objects.get(pk=welsh.pk)
        mark_for_translation_check(welsh, workflow, user)
        translated.append(welsh)
    return translated


def export_strings(pages, path):
    """Write the English text of ``pages`` as a PO file, keeping any Welsh already in the
    demo catalogue: how ``demo/content/cy.po`` is made and kept up to date."""
    locale, _ = Locale.objects.get_or_create(language_code=WELSH)
    known = welsh_text() if CATALOGUE.exists() else {}
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=utf-8", "Language": WELSH}
    seen = set()
    for page in pages:
        for entry in translation_of(page.specific, locale).export_po():
            if entry.msgid not in seen:
                seen.add(entry.msgid)
                catalogue.append(polib.POEntry(msgid=entry.msgid, msgstr=known.get(entry.msgid, "")))
    catalogue.save(str(path))
    return len(seen)

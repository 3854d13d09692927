"""What i18n/localize_internals.py and the settings rely on in wagtail-localize, checked
against the installed version: an upgrade that changes any of it fails here first."""

import inspect
from importlib.metadata import version
from pathlib import Path

import wagtail_localize
from django.urls import resolve, reverse
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.views import edit_translation, update_translations

from i18n import localize_internals


def test_written_for_the_installed_version():
    assert version("wagtail-localize") == localize_internals.WRITTEN_FOR


def test_translating_reads_the_setting_that_keeps_translations_drafts():
    source = inspect.getsource(TranslationCreator.create_translations)
    assert 'getattr(settings, "WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE", True)' in source
    assert "translation.save_target(user=self.user, publish=publish)" in source


def test_save_target_takes_publish():
    assert "publish" in inspect.signature(Translation.save_target).parameters


def test_sync_publishes_from_its_form_field_unchecked():
    form = update_translations.UpdateTranslationsForm()
    assert localize_internals.PUBLISH_FIELD in form.fields
    source = inspect.getsource(update_translations.UpdateTranslationsView.form_valid)
    assert f'form.cleaned_data["{localize_internals.PUBLISH_FIELD}"]' in source
    assert issubclass(localize_internals.SyncTranslationsView, update_translations.UpdateTranslationsView)


def test_our_sync_view_answers_wagtail_localizes_address():
    match = resolve(reverse("wagtail_localize:update_translations", args=[1]))
    assert match.func.view_class is localize_internals.SyncTranslationsView


def test_the_translation_editor_checks_publish_permission_and_keeps_its_template():
    source = inspect.getsource(edit_translation.edit_translation)
    assert "if not page_perms.can_publish():" in source
    assert f'template = "{localize_internals.EDITOR_TEMPLATE}"' in source
    template = Path(wagtail_localize.__file__).parent / "templates" / localize_internals.EDITOR_TEMPLATE
    assert "{% block content %}" in template.read_text()


def test_translation_buttons_are_gated_while_there_is_no_second_locale():
    from wagtail import hooks

    for name, (buttons, _replacement) in localize_internals.BUTTON_HOOKS.items():
        registered = hooks.get_hooks(name)
        assert buttons not in registered, name
        assert any(getattr(fn, "wrapped", None) is buttons for fn in registered), name


def test_the_explorer_buttons_copy_wagtail_localizes():
    """explorer_translation_buttons gives what page_listing_more_buttons gives, from the
    explorer's annotations: the same question, labels, icons, order and addresses."""
    from wagtail_localize import wagtail_hooks as localize_hooks

    source = inspect.getsource(localize_hooks.page_listing_more_buttons)
    for expected in [
        f'user.has_perm("{localize_internals.SUBMIT_PERMISSION}")',
        "page.get_translations(inclusive=True)",
        ".exclude(alias_of__isnull=False)",
        "TranslationSource.objects.get_for_instance_or_none(page)",
        "source.translations.filter(enabled=True).exists()",
        f'_("{localize_internals.TRANSLATE_LABEL}")',
        f'_("{localize_internals.SYNC_LABEL}"), url, priority={localize_internals.BUTTON_PRIORITY}, '
        f'icon_name="{localize_internals.SYNC_ICON}"',
        f'icon_name="{localize_internals.TRANSLATE_ICON}"',
        '"wagtail_localize:submit_page_translation"',
        "args=[page.alias_of_id or page.id]",
        '"wagtail_localize:update_translations", args=[source.id]',
    ]:
        assert expected in " ".join(source.split()), expected

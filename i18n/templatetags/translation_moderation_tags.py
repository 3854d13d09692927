"""The translation editor's moderation panel (``wagtail_localize/admin/edit_translation.html``)."""

from django import template

from i18n.translation_moderation import moderation_status

register = template.Library()


@register.simple_tag
def translation_moderation(page, user):
    return moderation_status(page, user)

"""``{% if page|visible %}``: whether a reader may see a page chosen on another page, by
the one rule (``core.visibility``)."""

from django import template

from core.visibility import is_visible

register = template.Library()


@register.filter
def visible(page):
    return is_visible(page)

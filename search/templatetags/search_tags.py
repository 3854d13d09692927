from django import template

from search.query import highlight

register = template.Library()


@register.filter
def highlight_terms(text, terms):
    """Escape ``text`` and mark the words that match the search terms."""
    return highlight(text, terms)

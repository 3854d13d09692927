"""Alert banners, rendered from their own template by a tag, so only the templates that
show them pay for their query."""

from django import template
from django.utils import translation
from wagtail.models import Page

from core.models import AlertBanner
from ops.fragment_cache import fragment

register = template.Library()


@register.simple_tag(takes_context=True)
def alert_banners(context):
    """The banners showing on this page now. Rendered once per page and language, and kept
    as the page cache keeps pages: a banner starting or ending is a next change, and
    saving one purges (ops/fragment_cache.py)."""
    page = context.get("page")
    page = page if isinstance(page, Page) else None

    def render():
        template = context.template.engine.get_template("components/alert_banners.html")
        return template.render(context.new({"banners": AlertBanner.objects.for_page(page)}))

    parts = [page.pk if page else 0, translation.get_language()]
    return fragment(context.get("request"), "alert-banners", parts, render)

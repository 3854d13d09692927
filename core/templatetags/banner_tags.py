"""Alert banners, rendered from their own template by an inclusion tag, so only the
templates that show them pay for their query."""

from django import template
from wagtail.models import Page

from core.models import AlertBanner

register = template.Library()


@register.inclusion_tag("components/alert_banners.html", takes_context=True)
def alert_banners(context):
    page = context.get("page")
    return {"banners": AlertBanner.objects.for_page(page if isinstance(page, Page) else None)}

"""Header, breadcrumbs and footer, each rendered from its own template.

Inclusion tags rather than context processors, so that only the templates that show a
fragment pay for its query."""

from django import template
from django.utils import translation
from wagtail.models import Page, Site

from core.request_memo import memo
from i18n.languages import localized_root
from navigation.menus import menu_pages
from ops.fragment_cache import fragment

register = template.Library()


def _site_root(context):
    request = context.get("request")
    return memo(request, "site_root", lambda: _localized_site_root(request))


def _localized_site_root(request):
    site = Site.find_for_request(request) if request else None
    # The menu needs no field of HomePage's own: in English this is the plain root page.
    return localized_root(site.root_page, request) if site else None


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The site's top-level pages, the current one marked. Rendered once per site root,
    language and current top-level page, and kept as the page cache keeps pages
    (ops/fragment_cache.py)."""
    request = context.get("request")
    root = _site_root(context)
    page = context.get("page")
    current_path = page.path if isinstance(page, Page) else ""
    section = (
        current_path[: len(root.path) + Page.steplen] if root and current_path.startswith(root.path) else ""
    )

    def render():
        items = menu_pages(root, request) if root else []
        template = context.template.engine.get_template("navigation/main_navigation.html")
        return template.render(
            context.new(
                {
                    "request": request,
                    "root": root,
                    "items": [
                        {"page": item, "active": bool(current_path) and current_path.startswith(item.path)}
                        for item in items
                    ],
                    "settings": context.get("settings"),
                }
            )
        )

    parts = [root.pk if root else 0, translation.get_language(), section]
    return fragment(request, "main-navigation", parts, render)


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer: the settings' links, contact details and the organisation's name. The
    same on every page of a site root and language, so rendered once for each and kept as
    the page cache keeps pages (ops/fragment_cache.py); a settings save or a change to a
    linked page empties it with the pages."""
    request = context.get("request")
    root = _site_root(context)

    def render():
        template = context.template.engine.get_template("navigation/footer.html")
        return template.render(context.new({"request": request, "settings": context.get("settings")}))

    return fragment(request, "site-footer", [root.pk if root else 0, translation.get_language()], render)


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page in the reader's language."""
    root = _site_root(context)
    return root.get_url(context.get("request")) if root else "/"


@register.inclusion_tag("navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": []}
    return {"ancestors": _ancestors_from_home(page), "request": context.get("request")}


def _ancestors_from_home(page):
    """The page's ancestors from the home page down.

    Routing caches each parent on its child (``_cached_parent_obj``, as treebeard's
    ``get_parent`` does), so a page being served usually needs no query; otherwise one.
    """
    chain, node = [], page
    while node.depth > 2:
        node = getattr(node, "_cached_parent_obj", None)
        if node is None:
            return page.get_ancestors().filter(depth__gte=2)
        chain.append(node)
    return chain[::-1]

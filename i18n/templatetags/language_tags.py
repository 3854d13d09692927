"""The language switcher and ``hreflang`` links: the same page in each language the site
offers, or that language's home page where the page is not translated."""

from django import template
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from core.request_memo import memo
from core.visibility import filter_visible
from i18n.languages import (
    html_lang,
    in_reader_language,
    language_name,
    locale_id_for,
    offered_languages,
)

register = template.Library()


def _counterparts(request, page, root):
    """The translations of ``page`` and of the site's home page that a reader may see, by
    (translation_key, locale id), in one query."""
    keys = {root.translation_key}
    if page is not None:
        keys.add(page.translation_key)
    rows = filter_visible(Page.objects.filter(translation_key__in=keys))
    return {(row.translation_key, row.locale_id): row for row in rows}


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per language the site offers (none where it offers only English):
    ``code``, ``name`` (in that language), ``lang``, ``url``, ``full_url``, ``current``,
    ``translated`` (False when ``url`` is that language's home page instead) and
    ``alternate`` (whether to give it as an ``hreflang`` alternate)."""
    request = context.get("request")
    if request is None:
        return []
    return memo(request, "language_versions", lambda: _language_versions(context, request))


def _language_versions(context, request):
    codes = offered_languages(request)
    versions = []
    if len(codes) > 1:
        versions = _versions(context, request, codes)
    # hreflang alternates only where the page exists in more than one language.
    alternates = [version for version in versions if version["translated"] and version["full_url"]]
    for version in versions:
        version["alternate"] = len(alternates) > 1 and version in alternates
    return versions


def _versions(context, request, codes):
    current = translation.get_language()
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    page = context.get("page")
    page = page if isinstance(page, Page) and page.pk and not getattr(request, "is_preview", False) else None
    found = _counterparts(request, page, root) if root else {}
    versions = []
    for code in codes:
        locale_id = locale_id_for(code)
        target, translated, url, full_url = None, False, "", ""
        if page is not None:
            target = page if page.locale_id == locale_id else found.get((page.translation_key, locale_id))
            translated = target is not None
        elif code == current:
            url, translated = request.get_full_path(), True
        else:
            # A view that is not a page (search): the same path in the other language.
            path = request.get_full_path()
            candidate = translate_url(path, code)
            if candidate != path:
                url, translated = candidate, True
        if target is None and not translated and root is not None:
            target = found.get((root.translation_key, locale_id))
        if target is not None:
            url, full_url = target.get_url(request), target.get_full_url(request)
        elif translated:
            full_url = request.build_absolute_uri(url)
        if not url:
            continue
        versions.append(
            {
                "code": code,
                "name": language_name(code),
                "lang": html_lang(code),
                "url": url,
                "full_url": full_url,
                "current": code == current,
                "translated": translated,
            }
        )
    return versions


@register.filter
def in_reader_language_page(page):
    """``page`` in the reader's language where it is translated; ``page.lang`` says when
    it is not (see ``i18n.languages.in_reader_language``)."""
    if page is None:
        return None
    return in_reader_language([page])[0]

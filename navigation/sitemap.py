"""sitemap.xml: every public page in every language the site offers, each with
``hreflang`` alternates for its translations (Wagtail's own sitemap lists one language).

A page type that serves addresses of its own below its page (a routable page, such as the
learning themes' index with a page per theme) lists them through the
``register_sitemap_subpages`` hook: a function given the sitemap's pages (plain ``Page``
rows, already visible) and the request, returning ``{page id: [url_info, ...]}`` for those
it serves, in a fixed number of queries. They follow their page in the sitemap.
"""

from collections import defaultdict

from django.db.models import Q
from wagtail import hooks
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page

from core.visibility import filter_visible
from i18n.languages import html_lang, locale_id_for, offered_languages, page_language

SUBPAGES_HOOK = "register_sitemap_subpages"


class BilingualSitemap(Sitemap):
    """Plain ``Page`` rows, not each page type's own: what a page type may list is the
    visibility rule's alone (``core.visibility``, applied in the query), and the sitemap
    then costs the same few queries however many page types there are. No page type
    overrides ``get_sitemap_urls`` (a test checks), since it would not be called."""

    def items(self):
        site = self.get_wagtail_site()
        locale_ids = [locale_id_for(code) for code in offered_languages(self.request)]
        roots = site.root_page.get_translations(inclusive=True).filter(locale_id__in=locale_ids).live()
        in_a_root = Q()
        for path in roots.values_list("path", flat=True):
            in_a_root |= Q(path__startswith=path)
        pages = filter_visible(Page.objects.filter(in_a_root)).order_by("path")
        pages = list(pages)
        by_key = defaultdict(list)
        for page in pages:
            by_key[page.translation_key].append(page)
        self._translations = by_key
        self._subpages = {}
        for function in hooks.get_hooks(SUBPAGES_HOOK):
            self._subpages.update(function(pages, self.request))
        return pages

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list:
            translations = self._translations.get(item.translation_key, [])
            alternates = []
            if len(translations) > 1:
                alternates = [
                    {
                        "location": other.get_full_url(self.request),
                        "lang_code": html_lang(page_language(other)),
                    }
                    for other in translations
                ]
            for url_info in item.get_sitemap_urls(self.request):
                url_info["alternates"] = alternates
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
            for url_info in self._subpages.get(item.pk, ()):
                urls.append({"alternates": [], **url_info})
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def sitemap(request):
    return wagtail_sitemap_views.sitemap(request, sitemaps={"pages": BilingualSitemap(request)})

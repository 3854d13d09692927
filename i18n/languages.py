"""English and Welsh: which languages a site offers, and the language of each request.

English is always offered, at ``/``. Welsh is offered at ``/cy/`` only where the site's
nation setting is Wales (``SiteSettings.nation``); anywhere else ``/cy/...`` is a 404, so
an English partnership's site has no Welsh URLs at all. The language comes from the URL
alone, never from the browser's preferences or a cookie, so every URL has one language and
a cached copy of it is right for every reader.
"""

import time

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page

from core.request_memo import memo
from core.visibility import filter_visible

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
WELSH = "cy"

# Locale ids by language code, read in one query. An id never changes once its row exists,
# so a hit is always right. A language with no row is looked up again after a minute (or at
# once in this process when a Locale is saved), so turning Welsh on reaches every server.
_locale_ids = {}
_loaded_at = [None]  # time.monotonic() of the last read; None: never read in this process
RELOAD_MISSING_AFTER = 60


def locale_id_for(language_code):
    """The id of the ``Locale`` for ``language_code``, or None if there is none."""
    if language_code not in _locale_ids and (
        _loaded_at[0] is None or time.monotonic() - _loaded_at[0] > RELOAD_MISSING_AFTER
    ):
        _locale_ids.update(Locale.objects.values_list("language_code", "pk"))
        _loaded_at[0] = time.monotonic()
    return _locale_ids.get(language_code)


def locales_by_id():
    """Every ``Locale``, ``{pk: Locale}``, from the same cache as ``locale_id_for`` (no
    query once read; read again as ``locale_id_for`` would while Welsh has no row)."""
    locale_id_for(WELSH)
    locales = {}
    for language_code, pk in _locale_ids.items():
        locale = Locale(pk=pk, language_code=language_code)
        locale._state.adding, locale._state.db = False, "default"
        locales[pk] = locale
    return locales


def translations_possible():
    """False while the site has no Welsh locale, so no page can have a translation (at
    most one query a minute per process while that lasts)."""
    return locale_id_for(WELSH) is not None


def forget_locales(**kwargs):
    """Connected to ``Locale`` saves and deletes (``i18n.apps``)."""
    _locale_ids.clear()
    _loaded_at[0] = None


def in_default_language():
    return (translation.get_language() or DEFAULT_LANGUAGE) == DEFAULT_LANGUAGE


def active_locale_id():
    return locale_id_for(translation.get_language() or DEFAULT_LANGUAGE)


def site_settings_for(request):
    from core.models import SiteSettings

    return SiteSettings.for_request(request)


def offered_languages(request):
    """The language codes this request's site offers, English first."""
    if request is not None and site_settings_for(request).welsh_offered:
        return [DEFAULT_LANGUAGE, WELSH]
    return [DEFAULT_LANGUAGE]


def language_name(code):
    return dict(settings.LANGUAGES)[code]


def html_lang(code):
    """The value for a ``lang`` or ``hreflang`` attribute: ``en-GB`` or ``cy``."""
    return "en-GB" if code == DEFAULT_LANGUAGE else code


def localized_root(root, request=None):
    """The site's home page in the active language: ``root`` itself in its own language
    (as given: callers that need HomePage's own fields ask for ``.specific``), else its
    translation as a HomePage where a reader may see it, else ``root``. Kept on ``request`` when given, so
    routing, the header, navigation and search share it: no query in English, one in Welsh.
    """
    if root is None or in_default_language():
        # The site's root page is always in the default language (Welsh pages are its
        # translations), so English requests need no locale look-up at all.
        return root
    locale_id = active_locale_id()
    if locale_id is None or locale_id == root.locale_id:
        return root

    def visible_translation():
        return (
            filter_visible(
                root.specific_class.objects.filter(translation_key=root.translation_key, locale_id=locale_id)
            ).first()
        ) or root

    return memo(request, ("localized_root", root.pk, locale_id), visible_translation)


def in_reader_language(pages):
    """``pages`` with each replaced by its translation in the active language where there
    is one a reader may see (one query, none in English). Each page gets ``lang``: "" when it is in
    the active language, else the ``lang`` attribute value of its own language, so a link
    to a page not yet translated is marked as English."""
    pages = [page for page in pages if page is not None]
    if in_default_language():
        # Pages are chosen from the default language's tree, as the site's root is in it.
        for page in pages:
            page.lang = ""
        return pages
    locale_id = active_locale_id()
    needed = [page for page in pages if page.locale_id != locale_id]
    translations = {}
    if needed and locale_id is not None:
        rows = filter_visible(
            Page.objects.filter(
                translation_key__in=[page.translation_key for page in needed], locale_id=locale_id
            )
        )
        translations = {page.translation_key: page for page in rows}
    shown = []
    for page in pages:
        if page.locale_id != locale_id and page.translation_key in translations:
            page = translations[page.translation_key]
        page.lang = "" if page.locale_id == locale_id else html_lang(page_language(page))
        shown.append(page)
    return shown


def page_language(page):
    """The language code of ``page``'s locale, from the cache of locale ids."""
    for code, locale_id in _locale_ids.items():
        if locale_id == page.locale_id:
            return code
    return page.locale.language_code

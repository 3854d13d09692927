"""The language of each request comes from its URL alone (see ``i18n.languages``)."""

from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import cc_delim_re

from i18n.languages import DEFAULT_LANGUAGE, offered_languages


class LanguageMiddleware(LocaleMiddleware):
    """Django's ``LocaleMiddleware`` with two changes: a language the site does not offer
    is a 404 rather than served, and responses do not vary by ``Accept-Language`` (the
    URL alone decides the language), so caches keep one copy of each page."""

    def process_request(self, request):
        super().process_request(request)
        language = translation.get_language_from_path(request.path_info)
        if language and language != DEFAULT_LANGUAGE and language not in offered_languages(request):
            translation.activate(DEFAULT_LANGUAGE)
            request.LANGUAGE_CODE = DEFAULT_LANGUAGE
            raise Http404("This site is not offered in that language.")

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [h for h in cc_delim_re.split(response["Vary"]) if h and h.lower() != "accept-language"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response

"""``/robots.txt``: where crawlers may go, and where the sitemap is.

Search results are not crawled: every query would be a new page of other pages' words
(the results page also says ``noindex``). The admin is left out as well; everything else
a reader may see is in the sitemap, which is named with the address it is served at.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from i18n.languages import offered_languages


def disallowed_paths(request):
    paths = []
    for code in offered_languages(request):
        with translation.override(code):
            paths.append(reverse("search:search"))
    return [*paths, reverse("wagtailadmin_home")]


@require_safe
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallowed_paths(request)]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")

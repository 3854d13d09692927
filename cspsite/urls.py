from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as serve_document_views

import core.numbers  # noqa: F401  (registers the <id:…> converter used below)
from i18n.views import serve as serve_page
from navigation.robots import robots_txt
from navigation.sitemap import sitemap
from ops.security_txt import security_txt
from ops.two_factor import LoginView as TwoFactorLoginView
from ops.views import favicon, healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Replaces wagtail-2fa's code form, which no longer works with django-otp (ops/two_factor.py).
    path("admin/2fa/auth", require_admin_access(TwoFactorLoginView.as_view()), name="wagtail_2fa_auth"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document URLs, with the id read as every id is (core/numbers.py): its own
    # pattern takes any Unicode digits ("/documents/٢/…").
    path(
        "documents/<id:document_id>/<path:document_filename>",
        serve_document_views.serve,
        name="wagtaildocs_serve",
    ),
    path(
        "documents/",
        include([pattern for pattern in wagtaildocs_urls.urlpatterns if pattern.name != "wagtaildocs_serve"]),
    ),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("favicon.ico", favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL + "images/", document_root=settings.MEDIA_ROOT / "images")

# Pages and search in English at /, in Welsh at /cy/ (only where Welsh is offered:
# i18n.middleware.LanguageMiddleware answers 404 for /cy/ otherwise). Wagtail's own URLs, with
# its page view wrapped to route from the home page in the request's language.
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, serve_page, name="wagtail_serve"),
    prefix_default_language=False,
)

# A database that does not answer gets a 503 page; anything else the 500 page (ops/views.py).
handler500 = "ops.views.server_error"

"""Settings shared by every environment.

Secure by default: DEBUG is off, and secrets, hosts, the database and the cache come
from the environment. Only ``dev`` relaxes this. See README.md for the variables.
Longer than 300 lines because Django settings are one flat namespace; each block says
what it is for.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from ops.inline_scripts import INLINE_SCRIPT_HASHES

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def required_env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be set. See README.md, 'Configuration'."
        )
    return value


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The request-a-copy form's CSRF cookie lasts until the browser closes, not a year: no
# lasting trace on a shared device (the Cookies page says so).
CSRF_COOKIE_AGE = None

INSTALLED_APPS = [
    "core",
    "i18n",
    "navigation",
    "governance",
    "themes",
    "home",
    "dhr",
    "duties",
    "publications",
    "search",
    "ops",
    "demo",
    "wagtail_2fa",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtailcache",
    "wagtail.contrib.table_block",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole-page cache for anonymous readers (wagtail-cache): Update stores responses on
    # the way out, after ops.caching has bounded their lifetime by the next scheduled
    # change; Fetch (wagtail-cache's, refusing a page whose next change has come) answers
    # cached pages before sessions, authentication and the rest run (requests with a
    # session cookie are never cached: ops.caching.is_cacheable_request).
    # Stored responses already carry the security headers the later middleware added.
    "wagtailcache.cache.UpdateCacheMiddleware",
    "ops.caching.CacheHeadersMiddleware",
    "ops.caching.FetchFromCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Anonymous readers' Wagtail site from the page cache, not a query (ops/sites.py).
    "ops.sites.SiteMiddleware",
    # The language comes from the URL alone: /cy/... is Welsh where the nation setting
    # offers Welsh (404 otherwise), everything else English (i18n/languages.py).
    "i18n.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sends admin users without a verified second factor to the 2FA pages when
    # WAGTAIL_2FA_REQUIRED is true; otherwise it only records whether they are verified.
    "wagtail_2fa.middleware.VerifyUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Runs the before_workflow_action hooks (core/workflow_actions.py) before a
    # moderator's action from the dashboard or the workflow modal.
    "core.workflow_actions.BeforeWorkflowActionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ops.middleware.ContentSecurityPolicyMiddleware",
    "ops.middleware.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a lockout into its "locked out" response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cspsite.urls"
WSGI_APPLICATION = "cspsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless REDIS_URL is set. Whole pages go in a cache of their own
# ("pagecache", see ops/caching.py), because purging it empties it completely: on Redis
# it is a separate database (PAGE_CACHE_REDIS_URL, or REDIS_URL's database number + 1).
REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_database_after(url):
    """``url`` with the next Redis database number (redis://host:6379/0 -> .../1)."""
    parts = urlsplit(url)
    number = parts.path.strip("/") or "0"
    if not number.isdigit():
        raise ImproperlyConfigured("REDIS_URL must end with a database number, such as /0.")
    return urlunsplit(parts._replace(path=f"/{int(number) + 1}"))


# Redis answers a private network in well under a millisecond: a call that takes longer
# than this fails, and the site carries on without the cache (ops/resilient_cache.py).
REDIS_CONNECT_TIMEOUT = float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.25"))
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))


def redis_cache(location, prefix, clear_on_recovery=False):
    """A Redis cache; ``clear_on_recovery``: emptied when Redis answers after an outage."""
    return {
        "BACKEND": "ops.resilient_cache.ResilientRedisCache",
        "LOCATION": location,
        "KEY_PREFIX": prefix,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": REDIS_CONNECT_TIMEOUT,
            "SOCKET_TIMEOUT": REDIS_TIMEOUT,
            "CLEAR_ON_RECOVERY": clear_on_recovery,
        },
    }


def redis_caches(url, page_cache_url, prefix):
    """The two caches on Redis: ``default``, and whole pages in a database of their own,
    emptied when Redis comes back after an outage (purges may have missed it meanwhile)."""
    return {
        "default": redis_cache(url, prefix),
        "pagecache": redis_cache(page_cache_url, prefix + "-pages", clear_on_recovery=True),
    }


if REDIS_URL:
    PAGE_CACHE_REDIS_URL = os.environ.get("PAGE_CACHE_REDIS_URL") or redis_database_after(REDIS_URL)
    CACHES = redis_caches(REDIS_URL, PAGE_CACHE_REDIS_URL, "cspsite")
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cspsite"},
        "pagecache": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cspsite-pages",
        },
    }

# The nation (england or wales) whose national helplines the error pages list: they are
# shown when the database, and so Site settings, cannot be read.
NATION = os.environ.get("NATION", "england")

# Whole-page cache (wagtail-cache, ops/caching.py): on unless PAGE_CACHE is false.
# PAGE_CACHE_MAX_AGE caps how long the app, the edge proxy and browsers keep a page.
WAGTAIL_CACHE = env_bool("PAGE_CACHE", True)
WAGTAIL_CACHE_BACKEND = "pagecache"
# The main navigation and alert banners, rendered once and kept in the page cache under
# the page cache's own bound and purge, also with PAGE_CACHE=false (ops/fragment_cache.py).
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", True)
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "300"))
# Seconds after a change commits when both caches are emptied once more (ops.caching);
# 0 turns the second purge off.
PAGE_CACHE_REPURGE_AFTER = float(os.environ.get("PAGE_CACHE_REPURGE_AFTER", "5"))

# Edge cache purges (deploy/nginx/, ops/edge_purge.py): after every change, one PURGE
# to each purge listener in FRONTEND_CACHE_URL (comma-separated, one per nginx), such as
# http://127.0.0.1:8080 for the proxy on the same machine. Unset: no edge purges.
# (wagtail.contrib.frontend_cache is not installed: its per-page purges, sent before the
# change is committed, cannot take a review down from every address the edge holds.)
EDGE_PURGE_URLS = [url.strip() for url in os.environ.get("FRONTEND_CACHE_URL", "").split(",") if url.strip()]

# /.well-known/security.txt (RFC 9116, ops/security_txt.py): whom to tell about a
# security problem (mailto:, https:// or tel: addresses, comma-separated) and the date that
# stops being true (less than a year ahead). Unset: the file answers 404 and
# `check --deploy` warns.
SECURITY_TXT_CONTACT = env_list("SECURITY_TXT_CONTACT")
SECURITY_TXT_EXPIRES = os.environ.get("SECURITY_TXT_EXPIRES", "")
SECURITY_TXT_POLICY = os.environ.get("SECURITY_TXT_POLICY", "")

# django-axes checks for a lockout before any other backend sees the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, one query for a user's permissions (core/auth_backend.py).
    "core.auth_backend.PermissionsBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Security headers. The admin stays at /admin/: no security by obscurity.
ADMIN_URL_PREFIX = "/admin/"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Nothing may frame the site. Wagtail's own preview views override this with SAMEORIGIN
# so the editor's preview panel works; the admin's CSP below allows it too.
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp 4). Public pages: no inline script except base.html's
# js-enabled line, allowed by the hash of its text (ops/inline_scripts.py) rather than a
# per-request nonce, so whole-page caches stay valid; nothing from other sites.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *INLINE_SCRIPT_HASHES],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (paths under ADMIN_URL_PREFIX, ops.middleware) still needs inline
# scripts and styles, frames its own previews and reads uploads as blobs.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "media-src": [SELF, "blob:"],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Browser features the site never uses, switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}

# Login lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is locked out for AXES_COOLOFF_TIME hours.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "ops.security.client_ip"
# How many reverse proxies (each appending to X-Forwarded-For) stand before the app.
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "0"))

# Two-factor authentication for the admin (wagtail-2fa on django-otp, TOTP apps).
# Optional here and in dev so `make run` stays one step; always on in production.
WAGTAIL_2FA_REQUIRED = env_bool("REQUIRE_2FA", False)

# Language and time: British English, UK time, UK date formats ("3 March 2025").
# Welsh is offered only where Settings > Site settings > Nation is Wales (docs/welsh.md);
# each language is named in itself, as the language switcher shows it.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["cspsite.formats"]

# Static files: built by `npm run build` into cspsite/static/, hashed and compressed
# by WhiteNoise at collectstatic time.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60  # unhashed files; hashed ones are cached for a year

# --- Object storage (docs/deployment.md, "Object storage") ------------------------------
# Documents and images go in a private S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is
# set, in MEDIA_ROOT otherwise. Documents are still served only through Django
# (WAGTAILDOCS_SERVE_METHOD below), which streams each one from the bucket after the
# publication rules have run; nothing is public in the bucket. Every URL the storage signs
# (image renditions on pages, links in the admin) stops working AWS_QUERYSTRING_EXPIRE
# seconds later, which must be longer than pages are cached (PAGE_CACHE_MAX_AGE).
AWS_QUERYSTRING_EXPIRE_DEFAULT = 15 * 60  # 900 s


def object_storage(environ):
    """``STORAGES["default"]`` for the bucket the environment names, or None for none."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL", "").strip() or None,
            "region_name": environ.get("AWS_S3_REGION_NAME", "").strip() or None,
            "access_key": environ.get("AWS_ACCESS_KEY_ID", "").strip() or None,
            "secret_key": environ.get("AWS_SECRET_ACCESS_KEY", "").strip() or None,
            # Objects get the bucket's own (private) permissions; every URL is signed.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": int(environ.get("AWS_QUERYSTRING_EXPIRE", AWS_QUERYSTRING_EXPIRE_DEFAULT)),
            # Two uploads called report.pdf are two objects, as on disk.
            "file_overwrite": False,
        },
    }


def object_storage_origins(options):
    """Where signed URLs point (the endpoint, or AWS's global and regional names for the
    bucket), for the Content Security Policy's img-src."""
    if options["endpoint_url"]:
        parts = urlsplit(options["endpoint_url"])
        return [f"{parts.scheme}://{parts.netloc}"]
    bucket, region = options["bucket_name"], options["region_name"]
    return [f"https://{bucket}.s3.amazonaws.com"] + (
        [f"https://{bucket}.s3.{region}.amazonaws.com"] if region else []
    )


if (OBJECT_STORAGE := object_storage(os.environ)) is not None:
    STORAGES["default"] = OBJECT_STORAGE
    for _policy in (CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN):
        _policy["DIRECTIVES"]["img-src"] += object_storage_origins(OBJECT_STORAGE["OPTIONS"])
# --- end of object storage ------------------------------------------------------------

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies beyond this are refused with a 400 before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Email: the console in dev; SMTP in production (see production.py).
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Community Safety Partnership")
# The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER") or WAGTAIL_SITE_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Translated pages and snippets (Wagtail's internationalisation with wagtail-localize).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A translation is saved as a draft, never published by wagtail-localize on its own: it goes
# live when a moderator publishes it or approves it in its workflow (docs/welsh.md).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# No Gravatar: editors' email hashes must not be sent to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's database search with the public search's queries tuned (search/backends/).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}

# Documents are only ever served through Django, so that permission and expiry checks
# run on every download; the web server must not expose MEDIA_ROOT/documents.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "csv", "rtf", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
# Fixed content types, so downloads never depend on the server's mime.types.
WAGTAILDOCS_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
    "rtf": "application/rtf",
    "txt": "text/plain",
}
# --- Admin password reset (ops/password_reset.py) ---------------------------------------
# The same answer, in the same time, for known and unknown addresses; e-mails go out after
# the response; throttled per client address and per e-mail address in the cache.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "ops.password_reset.PasswordResetForm"  # noqa: S105 (a form class)
# --- end of admin password reset --------------------------------------------------------
# Upload forms with size-limit messages that say what to do next (ops/forms.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "ops.forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "ops.forms.ImageForm"
# No editor e-mail addresses sent to Gravatar, no update check calling out from the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]},
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Local demo accounts, one per role: created by load_demo_content only when this is true
# (development settings only; never in production).
DEMO_EDITOR_ENABLED = False

WAGTAILDOCS_DOCUMENT_MODEL = "home.CSPDocument"

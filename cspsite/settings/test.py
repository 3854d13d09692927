"""Fast, isolated settings for the test suite."""

import datetime

from .base import *  # noqa: F403
from .base import BASE_DIR, SECURITY_TXT_CONTACT, SECURITY_TXT_EXPIRES

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Without django-axes' backend, so Client.login() (which passes no request) works in
# every test; tests/prod/test_admin_protection.py puts it back to test the lockout.
AUTHENTICATION_BACKENDS = ["core.auth_backend.PermissionsBackend"]
SILENCED_SYSTEM_CHECKS = ["axes.W003"]  # the warning about the backend removed just above
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pagecache": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# The whole-page cache is off for the suite, so tests see what they just changed; the
# tests in tests/perf/ switch it on. Cache-Control headers are still set.
WAGTAIL_CACHE = False
# Likewise the fragment cache (ops/fragment_cache.py); tests/perf/test_fragment_cache.py
# switches it on.
FRAGMENT_CACHE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# No second purge on a timer: it would empty the page cache in the middle of a later test.
PAGE_CACHE_REPURGE_AFTER = 0

# An example security contact for this machine's site; production sets its own.
SECURITY_TXT_CONTACT = SECURITY_TXT_CONTACT or ["mailto:security@csp.example"]
SECURITY_TXT_EXPIRES = (
    SECURITY_TXT_EXPIRES or (datetime.date.today() + datetime.timedelta(days=180)).isoformat()
)

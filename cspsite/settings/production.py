"""Production: PostgreSQL, Redis, SMTP, HTTPS behind a reverse proxy, JSON logs on
stdout and two-factor authentication for the admin. Refuses to start when a required
variable is missing. See docs/deployment.md for every variable."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    CONTENT_SECURITY_POLICY,
    CONTENT_SECURITY_POLICY_ADMIN,
    OBJECT_STORAGE,
    PAGE_CACHE_MAX_AGE,
    env_bool,
    env_list,
    redis_caches,
    redis_database_after,
    required_env,
)

DEBUG = False
SECRET_KEY = required_env("SECRET_KEY")
required_env("ALLOWED_HOSTS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names, separated by commas.")

# Database: PostgreSQL only.
DATABASE_URL = required_env("DATABASE_URL")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "DATABASE_URL must point at PostgreSQL (postgres://USER:PASSWORD@HOST:5432/NAME). "
        "See docs/deployment.md."
    )

# Cache: Redis, shared by every gunicorn worker and app server (login lockouts, rate
# limits, whole pages). Pages use their own Redis database: see base.py.
REDIS_URL = required_env("REDIS_URL")
PAGE_CACHE_REDIS_URL = os.environ.get("PAGE_CACHE_REDIS_URL") or redis_database_after(REDIS_URL)
CACHES = redis_caches(REDIS_URL, PAGE_CACHE_REDIS_URL, os.environ.get("CACHE_KEY_PREFIX", "cspsite"))

# HTTPS. nginx (or another proxy) terminates TLS and sets X-Forwarded-Proto; Django
# trusts that header only because the proxy overwrites it on every request.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# The health check answers plain HTTP too, for probes on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "1"))
USE_X_FORWARDED_HOST = False

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 8)))
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

for _policy in (CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN):
    _policy["DIRECTIVES"]["upgrade-insecure-requests"] = True

WAGTAIL_2FA_REQUIRED = True

WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or f"https://{ALLOWED_HOSTS[0]}"

# Object storage (base.py, "Object storage"): a signed image URL must outlive the cached
# page that shows it.
if OBJECT_STORAGE is not None and OBJECT_STORAGE["OPTIONS"]["querystring_expire"] <= PAGE_CACHE_MAX_AGE:
    raise ImproperlyConfigured(
        "AWS_QUERYSTRING_EXPIRE must be longer than PAGE_CACHE_MAX_AGE, or images on cached pages "
        "stop loading. See docs/deployment.md, 'Object storage'."
    )

# Static files: hashed, compressed, served by WhiteNoise (base.STORAGES). Run
# `npm run build` and `manage.py collectstatic` on each release.

# E-mail through an SMTP relay.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405

# One JSON object per line on stdout, for journald, Docker or a log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ops.logging.JsonLinesFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.security": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

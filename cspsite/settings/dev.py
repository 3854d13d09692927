"""Local development: the only settings that relax the secure defaults."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEMO_EDITOR_ENABLED = True
# Serve unhashed files straight from the build folder so `npm run build` shows at once.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

"""Local development: the only settings that relax the secure defaults."""

import datetime

from .base import *  # noqa: F403
from .base import SECURITY_TXT_CONTACT, SECURITY_TXT_EXPIRES, env_list

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

# An example security contact for this machine's site; production sets its own.
SECURITY_TXT_CONTACT = SECURITY_TXT_CONTACT or ["mailto:security@csp.example"]
SECURITY_TXT_EXPIRES = (
    SECURITY_TXT_EXPIRES or (datetime.date.today() + datetime.timedelta(days=180)).isoformat()
)

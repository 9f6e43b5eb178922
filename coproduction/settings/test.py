"""Settings for the test suite: the real back-ends chosen by DATABASE_URL/REDIS_URL."""

from .base import *  # noqa: F401,F403
from .base import CACHES

DEBUG = False
SECRET_KEY = "test-only-not-secret-9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
DEMO_CONTENT_ALLOWED = True
CACHES["default"]["KEY_PREFIX"] = "coproduction-test"
WHITENOISE_AUTOREFRESH = True

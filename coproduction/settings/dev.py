"""Settings for `make run` on a developer's machine."""

from .base import *  # noqa: F401,F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-3f9c1e7a2b6d4e8f0a1c2b3d4e5f6a7b8c9d0e1f"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# load_demo creates accounts with known passwords: only ever where this is True.
DEMO_CONTENT_ALLOWED = True

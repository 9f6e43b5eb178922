"""Settings for the benchmarks (bench/): as in production where it changes speed, local otherwise.

DEBUG is off (no query log, no debug pages), static files are served by WhiteNoise from the
apps' folders without re-reading them on each request, and the demo content may be loaded.
The back-ends are the ones DATABASE_URL and REDIS_URL choose, as everywhere.
"""

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "bench-only-not-secret-5e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
DEMO_CONTENT_ALLOWED = True

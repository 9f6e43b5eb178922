"""Settings for the test suite: the real back-ends chosen by DATABASE_URL/REDIS_URL."""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F401,F403
from .base import CACHES, CHANNEL_LAYERS, DATABASES, REDIS_URL

DEBUG = False
SECRET_KEY = "test-only-not-secret-9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
DEMO_CONTENT_ALLOWED = True
# Tests keep to their own keys and channels: clearing the cache between tests deletes
# only keys under this prefix (never FLUSHDB), and two runs on different Redis databases
# cannot hear each other's channel-layer messages (pub/sub ignores database numbers);
# nor can two pytest workers of one run (`make test` runs two: PYTEST_XDIST_WORKER).
_redis_db = (urlsplit(REDIS_URL).path.strip("/") or "0") if REDIS_URL else "0"
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
TEST_KEY_PREFIX = f"coproduction-test-{_redis_db}" + (f"-{_worker}" if _worker else "")
CACHES["default"]["KEY_PREFIX"] = TEST_KEY_PREFIX
if REDIS_URL:
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = TEST_KEY_PREFIX
WHITENOISE_AUTOREFRESH = True
if DATABASES["default"]["ENGINE"] == "coproduction.sqlite":
    # Django's in-memory test database, said outright: pytest-django gives each worker its
    # own database by name, and would otherwise take our SQLite engine for a server's.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
# Tests that change data inside a transaction that is rolled back never commit, so nothing
# would move the page cache on: it is off, and its own tests turn it on (tests/home/test_page_cache.py).
PAGE_CACHE_SECONDS = 0

# A page type that is not a consultation and hosts live sessions (tests/meetings): the live
# engine's tests run against it as well as against a consultation.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.meetings"]  # noqa: F405

"""Settings shared by every environment.

DATABASE_URL and REDIS_URL switch the back-ends: without them the site runs on a
SQLite file and the in-memory channel layer, which serve a single process only.
"""

import hashlib
import os
from datetime import timedelta
from ipaddress import ip_network
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "daphne",
    "coproduction.members",
    "home",
    "coproduction.live",
    "consultations",
    "events",
    "reflections",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
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
    "channels",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside sessions, CSRF and messages, so it sees every cookie a page sets (and stores
    # none that set one); inside the security headers, so a stored page gets them fresh.
    "coproduction.common.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view (and CSRF's check) reads the form.
    "coproduction.form_limits.FormFieldLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coproduction.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.display_preferences",
                "home.context_processors.navigation",
            ],
        },
    },
]

ASGI_APPLICATION = "coproduction.asgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections leak under ASGI (each request may use a new thread).
        conn_max_age=0,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The embedded SQLite default must serve a handful of people at the same moment.
# WAL lets readers carry on while one person writes; IMMEDIATE makes every transaction
# take the write lock when it begins, so it queues behind the busy timeout instead of
# failing at once with "database is locked" when a read turns into a write.
# coproduction.sqlite is Django's SQLite backend, beginning a transaction again if the
# lock stays taken past the timeout.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["ENGINE"] = "coproduction.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 10,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }

REDIS_URL = os.environ.get("REDIS_URL", "")

if REDIS_URL:
    # What is in Redis describes one site's database: its live sessions' channels and its
    # cached rows (Wagtail caches image renditions, for one). Two sites sharing a Redis
    # server must never hear or read each other's, whatever Redis database number they use
    # (pub/sub channels ignore it), so both prefixes are named after the site's database.
    REDIS_DB = urlsplit(REDIS_URL).path.strip("/") or "0"
    SITE_KEY = (
        "coproduction-"
        + hashlib.sha256(
            f"{DATABASES['default'].get('HOST', '')}/{DATABASES['default']['NAME']}".encode()
        ).hexdigest()[:12]
    )
    # pubsub (the default, chosen by measurement: docs/performance.md) or core, channels-redis's
    # list-based layer, kept selectable so the two can be measured again (bench/fanout.py).
    REDIS_CHANNEL_LAYER = os.environ.get("REDIS_CHANNEL_LAYER", "pubsub")
    if REDIS_CHANNEL_LAYER not in ("pubsub", "core"):
        raise ImproperlyConfigured(f"REDIS_CHANNEL_LAYER must be pubsub or core, not {REDIS_CHANNEL_LAYER!r}")
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": {
                "pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
                "core": "channels_redis.core.RedisChannelLayer",
            }[REDIS_CHANNEL_LAYER],
            "CONFIG": {"hosts": [REDIS_URL], "prefix": SITE_KEY},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": SITE_KEY,
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "coproduction.live.layers.SweepingInMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses an attempt while its account-and-address pair cools off.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "members:sign_in"
LOGIN_REDIRECT_URL = "members:profile"
LOGOUT_REDIRECT_URL = "/"

# Reverse proxies whose X-Forwarded-For header is believed: addresses or networks,
# comma-separated (TRUSTED_PROXIES="127.0.0.1,10.0.0.0/8"). Every per-address limit (axes
# and coproduction.common.ratelimit) keys on coproduction.common.ratelimit.client_address;
# docs/deploy.md explains it.
TRUSTED_PROXIES = [
    proxy.strip() for proxy in os.environ.get("TRUSTED_PROXIES", "").split(",") if proxy.strip()
]
for _proxy in TRUSTED_PROXIES:
    try:
        ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network (such as 10.0.0.0/8)."
        ) from None
AXES_CLIENT_IP_CALLABLE = "coproduction.common.ratelimit.client_ip_address"

# Sign-in guessing limits; docs/security.md explains the choice.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "coproduction.members.views.sign_in_locked_out"
# One account, however its email is capitalised.
AXES_USERNAME_CALLABLE = "coproduction.members.views.sign_in_account_key"
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Form fields in one request (coproduction/form_limits.py, docs/security.md). Public pages:
# the largest public form (a question with the most choices allowed, "other" ticked; or
# one written answer moderated with every theme ticked) needs 45. The Wagtail admin's page
# editor needs 210 for the demo's largest consultation and about 5 more per choice and 15
# per question; this leaves room for 50 questions of 15 choices.
PUBLIC_FORM_MAX_FIELDS = 50
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5_000

WAGTAIL_SITE_NAME = "Co-production platform"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "mp3",
    "ogg",
    "wav",
    "mp4",
    "webm",
    "vtt",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Documents go through Django's view, which sends a strict Content-Security-Policy.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# A shared page password would be one secret for many people: members sign in instead.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@coproduction.example")

# Background work. Slow tasks (audio versions) use the "background" backend: they are
# queued in the database and run by its worker, `manage.py db_worker --backend background`
# (`make run` starts it beside daphne; docs/deploy.md has it for production), never in
# the request that asked for them. Wagtail's own quick tasks (search and reference index
# updates) stay on "default", which runs them at once.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
ESPEAK_NG = os.environ.get("ESPEAK_NG", "espeak-ng")

# The demo content (development only): `manage.py load_demo` runs each module's
# `load(log, context)` in this order. An app with demo content adds its module here.
DEMO_MODULES = ["home.demo", "consultations.demo", "events.demo", "reflections.demo"]

# Whole pages for visitors who are not signed in, in the cache above, dropped on any write
# (coproduction/common/page_cache.py). On by default only where the cache is shared by every
# process (Redis): a process-local cache cannot hear of a write made by another process.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60" if REDIS_URL else "0"))

# Display preferences live in this cookie for visitors who are not signed in.
DISPLAY_PREFERENCES_COOKIE = "display_preferences"

# Content-Security-Policy (docs/security.md). The site runs no inline script or style,
# so neither is allowed; the Wagtail admin needs both and has its own policy, scoped to
# its URL prefix. connect-src also gets the site's own ws:// or wss:// address per request.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "coproduction.csp.ContentSecurityPolicyMiddleware",
)
_CSP_COMMON = {
    "default-src": ["'self'"],
    "connect-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "media-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}
ADMIN_URL_PREFIX = "/admin/"
# The admin would fetch avatars from Gravatar, telling it each editor's email hash.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        # The page editor's preview shows the page in a frame of the admin itself.
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# Limits per connection on sign-in, sign-up and password reset (coproduction/members/limits.py).
# Only the end-to-end test server turns them off, where every browser is 127.0.0.1.
ACCOUNT_LIMITS_PER_CONNECTION = os.environ.get("ACCOUNT_LIMITS_PER_CONNECTION", "on") != "off"
# The server's log. daphne writes one access line for every request, refused ones too
# (403, 404, ...): that line is the whole record of a refusal. django.request adds a
# record, with its traceback, only for a fault of ours (5xx). Every record is written
# once, by the root handler (Django's own console handler would print each a second time).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals_without_traceback": {"()": "coproduction.log_filters.RefusalsWithoutTraceback"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["refusals_without_traceback"],
        }
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"level": "ERROR"},
        # A form sent from a page left open too long is refused (403) as an ordinary request.
        "django.security.csrf": {"level": "ERROR"},
    },
}

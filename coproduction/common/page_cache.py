"""Public pages kept in Django's cache for visitors who are not signed in, dropped on any change.

A page is served from the cache only to a visitor who is not signed in and sends no
session, message or CSRF cookie: nothing on the page can then be theirs alone. It is
stored only when it is an ordinary HTML page (GET, 200) whose making set no cookie: a
page that put a CSRF token in a form, or a message, or a session, sets one, so it is
never stored. The visitor's display preferences cookie is part of the key, so each
combination of text size, contrast and the rest is its own copy.

What is stored stays right by a generation number: every write to the database (an
INSERT, UPDATE or DELETE on any table but the few that never show on a public page, such
as who is in a live session and their hands) moves it on once its transaction commits,
and a page stored under an older number is never served again. So publishing a page,
reverting a revision, a new reflection item, a registration or a vote each show at once,
whichever process made them (with REDIS_URL the number lives in Redis, shared by every
process). Pages also expire after PAGE_CACHE_SECONDS, for what changes with the clock
alone (a consultation opening or closing at its time).
"""

import re

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "page-cache:generation"
# Tables whose rows never show on a page a visitor who is not signed in can see: sign-in
# bookkeeping, background tasks, and what a live session writes for the people in it alone
# (who is here, hands, access signals, the event log, the actions already applied). A live
# session with hundreds of people in it would otherwise empty the cache many times a second.
QUIET_TABLES = frozenset(
    {
        "django_session",
        "axes_accessattempt",
        "axes_accesslog",
        "axes_accessfailurelog",
        "django_tasks_database_dbtaskresult",
        "live_presence",
        "live_raisedhand",
        "live_accesssignal",
        "live_liveevent",
        "live_processedaction",
    }
)
# Columns whose changes never show on a public page: an UPDATE that sets only these is
# quiet. Every live event moves its session's sequence number on; its state, title and
# times still count.
QUIET_COLUMNS = {"live_livesession": frozenset({"last_seq", "queue_dirty", "queue_logged_at"})}
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_SET = re.compile(r"^\s*UPDATE\s+\S+\s+SET\s+(.*?)\s+WHERE\s", re.IGNORECASE | re.DOTALL)
_SET_COLUMN = re.compile(r'"(\w+)"\s*=')
SKIPPED_PREFIXES = ("/static/", "/media/", "/documents/", "/ws/")
MAX_PATH = 500


def seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 60)


def enabled():
    return seconds() > 0


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def move_on():
    """Every stored page is out of date from now on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet (or evicted): any new number will do
        cache.add(GENERATION_KEY, 2, timeout=None)


def _quiet(sql, table):
    """Whether this write changes nothing a visitor who is not signed in can see."""
    if table in QUIET_TABLES:
        return True
    columns = QUIET_COLUMNS.get(table)
    setting = _SET.match(sql) if columns else None
    if setting is None:
        return False
    changed = set(_SET_COLUMN.findall(setting.group(1)))
    return bool(changed) and changed <= columns


def _note_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    match = _WRITE.match(sql) if isinstance(sql, str) and enabled() else None
    if match and not _quiet(sql, match.group(1).lower()):
        connection = context["connection"]
        # Once per transaction, after it commits: a rolled back write changes nothing.
        if not any(func is move_on for _sids, func, _robust in connection.run_on_commit):
            transaction.on_commit(move_on, using=connection.alias)
    return result


@receiver(connection_created)
def watch_writes(sender, connection, **kwargs):
    if _note_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_note_writes)


def _cacheable_request(request):
    if request.method != "GET" or not enabled():
        return False
    path = request.path_info
    if (
        path.startswith((settings.ADMIN_URL_PREFIX, *SKIPPED_PREFIXES))
        or len(request.get_full_path()) > MAX_PATH
    ):
        return False
    # Signing in needs a session, so a request without a session cookie is not signed in.
    personal = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages")
    return not any(name in request.COOKIES for name in personal)


def _key(request, number):
    prefs = request.COOKIES.get(settings.DISPLAY_PREFERENCES_COOKIE, "")
    return f"page-cache:{number}:{request.get_host()}:{request.get_full_path()}:{prefs[:200]}"


def _storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-cache", "no-store"))


class AnonymousPageCacheMiddleware:
    """Serve and store whole pages for visitors who are not signed in (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, generation())
        stored = cache.get(key)
        if stored is not None:
            return _rebuild(stored)
        response = self.get_response(request)
        if _storable(response):
            patch_vary_headers(response, ["Cookie"])
            cache.set(key, _pack(response), seconds())
            response["X-Page-Cache"] = "stored"
        return response


def _pack(response):
    headers = {name: value for name, value in response.items() if name.lower() != "set-cookie"}
    return {"status": response.status_code, "headers": headers, "content": response.content}


def _rebuild(stored):
    from django.http import HttpResponse

    response = HttpResponse(stored["content"], status=stored["status"])
    for name, value in stored["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response

"""Shared fixtures: the real services, demo content, members and a real browser."""

import os
import socket
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from tests.servers import DemoSite


def _reachable(url, default_port):
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), 3):
            return True
    except OSError:
        return False


def pytest_sessionstart(session):
    """A back-end that was asked for but cannot be reached fails the run, naming it."""
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")) and not _reachable(database_url, 5432):
        pytest.exit(f"PostgreSQL is not reachable at DATABASE_URL={database_url}", returncode=3)
    redis_url = os.environ.get("REDIS_URL", "")
    if redis_url and not _reachable(redis_url, 6379):
        pytest.exit(f"Redis is not reachable at REDIS_URL={redis_url}", returncode=3)


def pytest_report_header(config):
    redis_url = os.environ.get("REDIS_URL")
    return [
        f"database: {os.environ.get('DATABASE_URL') or 'SQLite (embedded)'}",
        f"channel layer: {'Redis ' + redis_url if redis_url else 'in-memory'}",
    ]


def clear_test_cache():
    """Forget the tests' own cache keys (rate limits), and nothing else in Redis."""
    from django.conf import settings

    backend = settings.CACHES["default"]["BACKEND"]
    if not backend.endswith("RedisCache"):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{settings.TEST_KEY_PREFIX}:*", count=500))
    if keys:
        client.delete(*keys)


def _transactional(item):
    """Whether a test runs in real transactions, so that the database is emptied after it."""
    if {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())):
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    from pytest_django.plugin import validate_django_db

    transaction, reset_sequences, *_ = validate_django_db(marker)
    return bool(transaction or reset_sequences)


_emptied = False


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Put back the data the migrations made before a test that expects it.

    A test in real transactions ends by emptying the database. Run alone, pytest-django
    keeps those tests last; with two workers (`make test`) a worker may go on to a test in
    a rolled-back transaction, which expects the groups, the Wagtail root page and the
    site that the migrations made. They are loaded back once, before that test.
    """
    global _emptied
    uses_db = item.get_closest_marker("django_db") is not None or "db" in getattr(item, "fixturenames", ())
    if _emptied and uses_db and not _transactional(item):
        from django.core.management import call_command
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _restore_migrations_data(call_command, connections)
        _emptied = False


def _restore_migrations_data(call_command, connections):
    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            # As Django's own flush between tests: sequences carry on, so the rows put back
            # with their ids never meet a new row's id.
            call_command(
                "flush",
                database=connection.alias,
                interactive=False,
                verbosity=0,
                inhibit_post_migrate=True,
                reset_sequences=False,
            )
            connection.creation.deserialize_db_from_string(contents)


def pytest_runtest_teardown(item):
    global _emptied
    if _transactional(item):
        _emptied = True


@pytest.fixture(autouse=True)
def _clear_cache():
    # The Redis cache outlives a test; rate limits must not leak from one to the next.
    clear_test_cache()
    yield
    clear_test_cache()


@pytest.fixture
def demo(db):
    """The demo content of every module in DEMO_MODULES, loaded in the test database."""
    from home.management.commands.load_demo import load_demo_modules

    return load_demo_modules(log=lambda message: None)


@pytest.fixture
def make_member(db):
    """Create a member with a profile: make_member("name@example.org", display_name="...")."""
    from coproduction.members.models import Profile, User

    def make(email="member@example.org", password="correct horse battery", groups=(), **profile):
        from django.contrib.auth.models import Group

        user = User.objects.create_user(email=email, password=password)
        profile.setdefault("display_name", email.split("@")[0].title())
        Profile.objects.create(user=user, **profile)
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
async def join():
    """Connect a member's client to a live session: `await join(session, user)` is a client past
    its snapshot (kept as `client.snapshot`). Every client joined is closed after the test."""
    from tests.live.helpers import joined

    clients = []

    async def join(session, user):
        clients.append(await joined(session, user))
        return clients[-1]

    yield join
    for client in clients:
        await client.close()


# Browser fixtures ----------------------------------------------------------------


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium_path():
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.access(path, os.X_OK):
        pytest.fail(
            f"No Chromium at {path}: run `make test` (it installs Debian's chromium) or set CHROMIUM_PATH"
        )
    return path


@pytest.fixture(scope="module")
def playwright_browser(chromium_path):
    # Module scope: Playwright's sync API keeps an event loop running in this thread,
    # which async tests in later modules could not start beside.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The demo site on a fresh database, served by a real daphne process."""
    site = DemoSite(tmp_path_factory.mktemp("demo-site")).prepare().start()
    yield site
    site.close()


@pytest.fixture
def new_context(playwright_browser):
    """Another person's browser: `new_context(**options)` is a context of its own, closed after the test."""
    contexts = []

    def new_context(**options):
        contexts.append(playwright_browser.new_context(**options))
        return contexts[-1]

    yield new_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(playwright_browser):
    context = playwright_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()

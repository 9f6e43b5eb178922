"""A real served site for the benchmarks: a database with the demo content, and a server process.

Migrating and loading the demo takes minutes on a busy 2-core machine, so it is done once
and kept: a SQLite file under `.bench/`, or a PostgreSQL database, named after a hash of
the migrations and the demo modules, so a change to either builds a new one. Each run
works on a fresh copy of it (a file copy, or `CREATE DATABASE ... TEMPLATE`).

The back-ends follow the environment like everywhere else: `DATABASE_URL` (PostgreSQL, or
unset for SQLite) and `REDIS_URL` (the Redis channel layer and cache, or unset for the
in-memory ones). Ports come from `BENCH_PORT` (the first of a range) or the system.
"""

import hashlib
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.servers import wait_for_port

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / ".bench"
SETTINGS = "coproduction.settings.bench"
_next_port = [int(os.environ["BENCH_PORT"])] if os.environ.get("BENCH_PORT") else None


def first_free_port(ports):
    """The first of `ports` that nothing listens on, or None."""
    for port in ports:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    return None


def free_port():
    """The next port of BENCH_PORT's range that nothing listens on, or one the system picks."""
    if _next_port is not None:
        port = first_free_port(itertools.count(_next_port[0]))
        _next_port[0] = port + 1
        return port
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def signed_in_cookie(user):
    """The Cookie header of a browser signed in as `user` (run with Django set up)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    browser = import_module(settings.SESSION_ENGINE).SessionStore()
    browser[SESSION_KEY] = str(user.pk)
    browser[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    browser[HASH_SESSION_KEY] = user.get_session_auth_hash()
    browser.create()
    return f"{settings.SESSION_COOKIE_NAME}={browser.session_key}"


def backend_name():
    """The back-ends this run uses, in words for the table."""
    database = "PostgreSQL" if on_postgres() else "SQLite"
    layer = "Redis" if os.environ.get("REDIS_URL") else "in-memory"
    return f"{database}, {layer}"


def on_postgres():
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def page_cache_on():
    """Whether the served site caches public pages (coproduction/settings/base.py)."""
    return int(os.environ.get("PAGE_CACHE_SECONDS", "60" if os.environ.get("REDIS_URL") else "0")) > 0


def _content_hash():
    digest = hashlib.sha256()
    files = sorted(ROOT.glob("*/migrations/*.py")) + sorted(ROOT.glob("coproduction/*/migrations/*.py"))
    files += sorted(ROOT.glob("*/demo.py")) + sorted(ROOT.glob("coproduction/*/demo.py"))
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def environment(database_url, **extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": database_url,
        "PYTHONUNBUFFERED": "1",
        # Every benchmark client comes from 127.0.0.1.
        "ACCOUNT_LIMITS_PER_CONNECTION": "off",
    }
    env.update(extra)
    return env


def manage(database_url, *args, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(database_url),
        check=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        text=True,
    )
    return result.stdout


def _postgres(url_of_base, statement):
    import psycopg

    with psycopg.connect(url_of_base, autocommit=True) as conn:
        conn.execute(statement)


def _postgres_has(url_of_base, name):
    import psycopg

    with psycopg.connect(url_of_base, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _with_name(url, name):
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def demo_database(log=print):
    """The URL of the kept database with the demo content, built first if there is none."""
    key = _content_hash()
    if on_postgres():
        base = os.environ["DATABASE_URL"]
        name = f"{urlsplit(base).path.lstrip('/')}_bench_{key}"
        url = _with_name(base, name)
        if _postgres_has(base, name):
            return url
        building = name + "_building"
        _postgres(base, f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
        _postgres(base, f'CREATE DATABASE "{building}"')
        log(f"Building the benchmark database {name} (once: migrate and load the demo)...")
        manage(_with_name(base, building), "migrate", "--noinput")
        manage(_with_name(base, building), "load_demo")
        _postgres(base, f'ALTER DATABASE "{building}" RENAME TO "{name}"')
        return url
    CACHE_DIR.mkdir(exist_ok=True)
    path = CACHE_DIR / f"demo-{key}.sqlite3"
    if not path.exists():
        building = CACHE_DIR / f"demo-{key}.building.sqlite3"
        for leftover in CACHE_DIR.glob(building.name + "*"):
            leftover.unlink()
        log(f"Building the benchmark database {path.name} (once: migrate and load the demo)...")
        manage(f"sqlite:///{building}", "migrate", "--noinput")
        manage(f"sqlite:///{building}", "load_demo")
        # One file to copy: fold the write-ahead log into it.
        import sqlite3

        with sqlite3.connect(building) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        building.rename(path)
    return f"sqlite:///{path}"


def fresh_copy(name, log=print):
    """A new database for one run, copied from the demo database."""
    template = demo_database(log)
    if on_postgres():
        base = os.environ["DATABASE_URL"]
        full = f"{urlsplit(base).path.lstrip('/')}_{name}"
        _postgres(base, f'DROP DATABASE IF EXISTS "{full}" WITH (FORCE)')
        _postgres(base, f'CREATE DATABASE "{full}" TEMPLATE "{urlsplit(template).path.lstrip("/")}"')
        return _with_name(base, full)
    path = CACHE_DIR / f"run-{name}.sqlite3"
    for old in CACHE_DIR.glob(path.name + "*"):
        old.unlink()
    shutil.copyfile(template.removeprefix("sqlite:///"), path)
    return f"sqlite:///{path}"


def drop_copy(url):
    if url.startswith("sqlite:///"):
        for old in Path(url.removeprefix("sqlite:///")).parent.glob(Path(url).name + "*"):
            old.unlink()
        return
    _postgres(
        os.environ["DATABASE_URL"], f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}" WITH (FORCE)'
    )


def django_step(database_url, module, *args):
    """Run `python -m module args` with Django set up on this database; return its JSON output."""
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=environment(database_url),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


class Server:
    """One server process serving the ASGI application: daphne (as `make serve`) or uvicorn."""

    def __init__(self, database_url, server="daphne", log_name="server"):
        self.database_url = database_url
        self.server = server
        self.port = None
        self.process = None
        self.log_path = CACHE_DIR / f"{log_name}.log"
        self.extra_env = {}

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        if self.server == "uvicorn":
            return [
                sys.executable,
                "-m",
                "uvicorn",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--no-access-log",
                "--log-level",
                "warning",
                "coproduction.asgi:application",
            ]
        return [
            sys.executable,
            "-m",
            "coproduction.server",
            "-b",
            "127.0.0.1",
            "-p",
            str(self.port),
            "coproduction.asgi:application",
        ]

    def start(self):
        CACHE_DIR.mkdir(exist_ok=True)
        self.port = free_port()
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            self.command(),
            cwd=ROOT,
            env=environment(self.database_url, **self.extra_env),
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, self.process)
        return self

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=30) as response:  # noqa: S310
            return response.status, response.read()

    def stop(self):
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

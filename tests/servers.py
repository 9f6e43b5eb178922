"""Real servers for end-to-end tests: a database with the demo content, and daphne."""

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, process=None, timeout=120.0):
    """Wait until something listens on `port`; fail at once if `process` (serving it) stops."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"The server stopped before listening on port {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"Nothing listened on port {port} within {timeout} seconds")


def suite_database_name():
    """The prefix of the databases this test process makes: the suite's own database, and
    the pytest worker (two workers of one run must never drop each other's databases)."""
    base = os.environ.get("DATABASE_URL", "")
    name = "coproduction"
    if base.startswith(("postgres://", "postgresql://")):
        name = urlsplit(base).path.lstrip("/") or name
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"{name}_{worker}" if worker else name


def fresh_database_url(workdir, name, template=None):
    """A new database for a server process, on the engine the suite runs on: empty, or a
    copy of `template` (the URL of a database no process is connected to)."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        path = Path(workdir) / (name + ".sqlite3")
        if template:
            source = Path(template.removeprefix("sqlite:///"))
            for suffix in ("", "-wal"):
                if Path(f"{source}{suffix}").exists():
                    shutil.copyfile(f"{source}{suffix}", f"{path}{suffix}")
        return f"sqlite:///{path}"
    import psycopg

    copy_of = f' TEMPLATE "{urlsplit(template).path.lstrip("/")}"' if template else ""
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"{copy_of}')
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path="/" + name))


def drop_database(url):
    if url.startswith("sqlite"):
        return
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    base = os.environ["DATABASE_URL"]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_templates = {}


def demo_template():
    """A database migrated and loaded with the demo (and its media), made once per test run.

    Every DemoSite starts from a copy of it: migrating and loading the demo is most of the
    cost of a served site, and the result is the same each time.
    """
    key = os.environ.get("DATABASE_URL", "")
    if key not in _templates:
        workdir = Path(tempfile.mkdtemp(prefix="demo-template-"))
        template = DemoSite(workdir, name=suite_database_name() + "_demo_template")
        template.use_database(fresh_database_url(workdir, template.name))
        template.manage("migrate", "--noinput")
        template.manage("load_demo")
        _templates[key] = template
        atexit.register(_remove_template, template)
    return _templates[key]


def _remove_template(template):
    drop_database(template.database_url)
    shutil.rmtree(template.workdir, ignore_errors=True)


class DemoSite:
    """A database loaded with the demo content, served by daphne (coproduction.server) in a subprocess."""

    def __init__(self, workdir, name=None, application="coproduction.asgi:application"):
        self.workdir = Path(workdir)
        self.application = application
        # Named after the suite's own database, so two checkouts testing side by side on
        # one PostgreSQL server never drop each other's demo database.
        self.name = name or suite_database_name() + "_e2e"
        self.database_url = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "coproduction.settings.dev",
            "DATABASE_URL": "",
            "MEDIA_ROOT": str(self.workdir / "media"),
            "PYTHONUNBUFFERED": "1",
            # Every browser in the suite comes from 127.0.0.1: limits per connection would
            # count the whole suite as one visitor (the limits have their own tests).
            "ACCOUNT_LIMITS_PER_CONNECTION": "off",
            # Tests change the served site's database from their own process, which cannot
            # tell the server's page cache (when it is not in Redis) that pages changed.
            "PAGE_CACHE_SECONDS": "0",
        }
        self.port = None
        self.process = None
        self.log_path = self.workdir / "daphne.log"

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def manage(self, *args):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def use_database(self, url):
        self.database_url = url
        self.env["DATABASE_URL"] = url

    def prepare(self):
        """A fresh copy of the demo database and its media for this site alone."""
        template = demo_template()
        self.use_database(fresh_database_url(self.workdir, self.name, template=template.database_url))
        if (template.workdir / "media").exists():
            shutil.copytree(template.workdir / "media", self.workdir / "media", dirs_exist_ok=True)
        return self

    def start(self, port=None):
        self.port = port or self.port or free_port()
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "coproduction.server",  # daphne, as `make serve` runs it
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                self.application,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._log = log
        wait_for_port(self.port, self.process)
        return self

    def stop(self, kill=False):
        if self.process is None:
            return
        if kill:
            self.process.kill()
        else:
            self.process.terminate()
        self.process.wait(timeout=20)
        self._log.close()
        self.process = None

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=20) as response:  # noqa: S310
            return response.status, response.read().decode("utf-8")

    def close(self):
        self.stop()
        if self.database_url:
            drop_database(self.database_url)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

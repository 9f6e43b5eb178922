"""Production settings: deploy checks pass, and secrets have no defaults."""

import os
import subprocess
import sys

from tests.servers import ROOT

SAMPLE_ENV = {
    "DJANGO_SETTINGS_MODULE": "coproduction.settings.production",
    "SECRET_KEY": "x7#kq2!vR9mZp4@Lw8$Nt3^Hc6&Yb1*Fd5(Gj0)Ue-Qs+Ai=Oo~Ex",
    "ALLOWED_HOSTS": "coproduction.example",
    "DATABASE_URL": "postgres://coproduction@db.coproduction.example:5432/coproduction",
    "REDIS_URL": "redis://redis.coproduction.example:6379/0",
}


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in SAMPLE_ENV}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_has_no_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **SAMPLE_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**SAMPLE_ENV}
    del env["SECRET_KEY"]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {**SAMPLE_ENV}
    del env["ALLOWED_HOSTS"]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "Set the ALLOWED_HOSTS environment variable." in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    env = {**SAMPLE_ENV}
    del env["DATABASE_URL"]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "Set the DATABASE_URL environment variable." in result.stderr


def test_production_refuses_to_start_without_a_redis_url():
    env = {**SAMPLE_ENV}
    del env["REDIS_URL"]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "Set the REDIS_URL environment variable." in result.stderr


def test_production_refuses_a_trusted_proxy_that_is_not_an_address():
    result = run_manage("check", **SAMPLE_ENV, TRUSTED_PROXIES="10.0.0.1,proxy.example")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: 'proxy.example' is not an IP address or network" in result.stderr


def test_production_never_allows_demo_accounts():
    result = run_manage("load_demo", **SAMPLE_ENV)
    assert result.returncode != 0
    assert "do not allow it" in result.stderr

"""Production settings: deploy checks pass, and secrets have no defaults."""

import os
import subprocess
import sys

import pytest

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


@pytest.mark.parametrize("variable", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without_each_secret(variable):
    env = {name: value for name, value in SAMPLE_ENV.items() if name != variable}
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert f"Set the {variable} environment variable." in result.stderr


def test_production_refuses_a_trusted_proxy_that_is_not_an_address():
    result = run_manage("check", **SAMPLE_ENV, TRUSTED_PROXIES="10.0.0.1,proxy.example")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: 'proxy.example' is not an IP address or network" in result.stderr


def test_production_never_allows_demo_accounts():
    result = run_manage("load_demo", **SAMPLE_ENV)
    assert result.returncode != 0
    assert "do not allow it" in result.stderr

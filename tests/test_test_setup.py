"""The test suite shares Redis with whatever else runs on the machine: it must keep to its own keys."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache

from tests.conftest import clear_test_cache

on_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="only Redis outlives a test; CI runs this with REDIS_URL set"
)


@on_redis
def test_clearing_between_tests_deletes_only_the_suites_own_keys():
    client = cache._cache.get_client(write=True)
    client.set("someone-elses-key", "keep me")
    cache.set("rate-limit-left-by-a-test", 3)
    try:
        clear_test_cache()
        assert client.get("someone-elses-key") == b"keep me"
        assert cache.get("rate-limit-left-by-a-test") is None
    finally:
        client.delete("someone-elses-key")


@on_redis
def test_the_suites_channel_layer_is_apart_from_a_served_sites():
    assert settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] == settings.TEST_KEY_PREFIX
    assert settings.TEST_KEY_PREFIX != settings.SITE_KEY


def settings_for(database_url):
    """The channel and cache prefixes a served site would use with this database."""
    import json
    import subprocess
    import sys

    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.CHANNEL_LAYERS['default']['CONFIG']['prefix'],"
        " s.CACHES['default']['KEY_PREFIX']]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coproduction.settings.dev",
        "DATABASE_URL": database_url,
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_two_sites_on_one_redis_server_keep_their_channels_and_cache_apart():
    first = settings_for("postgres://postgres@127.0.0.1:5432/site_one")
    second = settings_for("postgres://postgres@127.0.0.1:5432/site_two")
    assert first[0] != second[0] and first[1] != second[1]

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
    assert settings.TEST_KEY_PREFIX != "coproduction-" + settings.REDIS_DB

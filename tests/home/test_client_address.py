"""Per-address limits behind a reverse proxy: each client counts apart, and nobody can pretend."""

import pytest
from django.test import Client

from tests.factories import make_consultation

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
FORMAT_REQUESTS_PER_HOUR = 10


def ask_for_a_format(page, remote_addr, forwarded_for=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    data = {"name": "Grace", "format": "large_print", "email": "grace@example.org"}
    html = Client().post(f"{page.url}other-formats/", data, **headers).content.decode()
    return "Too many requests have come from your connection" not in html


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    page = make_consultation()
    for _ in range(FORMAT_REQUESTS_PER_HOUR):
        assert ask_for_a_format(page, PROXY, "203.0.113.5")
    assert not ask_for_a_format(page, PROXY, "203.0.113.5")
    assert ask_for_a_format(page, PROXY, "203.0.113.9")


def test_an_address_a_client_writes_into_the_header_is_not_believed(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    page = make_consultation()
    for n in range(FORMAT_REQUESTS_PER_HOUR):
        assert ask_for_a_format(page, PROXY, f"192.0.2.{n}, 203.0.113.5")
    # The proxy appended the real address last; what the client wrote before it changes nothing.
    assert not ask_for_a_format(page, PROXY, "192.0.2.99, 203.0.113.5")


def test_forwarded_for_from_a_client_that_is_not_a_trusted_proxy_is_ignored(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    page = make_consultation()
    for n in range(FORMAT_REQUESTS_PER_HOUR):
        assert ask_for_a_format(page, "198.51.100.7", f"203.0.113.{n}")
    assert not ask_for_a_format(page, "198.51.100.7", "203.0.113.99")


def test_sign_in_cools_off_per_client_behind_a_trusted_proxy(settings, make_member):
    settings.TRUSTED_PROXIES = [PROXY]
    make_member("amina@example.org", password="correct horse battery")
    guesser = Client()
    for _ in range(5):
        guesser.post(
            "/account/sign-in/",
            {"username": "amina@example.org", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    member = Client().post(
        "/account/sign-in/",
        {"username": "amina@example.org", "password": "correct horse battery"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert member.status_code == 302

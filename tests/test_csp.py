"""The Content-Security-Policy header on the site and in the Wagtail admin."""

import pytest

pytestmark = pytest.mark.django_db


def directives(response):
    """The policy as {directive: [sources]}."""
    policy = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())}


def test_site_pages_allow_only_the_sites_own_scripts(client):
    assert directives(client.get("/account/sign-in/"))["script-src"] == ["'self'"]


def test_site_pages_allow_no_inline_styles(client):
    assert directives(client.get("/account/sign-in/"))["style-src"] == ["'self'"]


def test_site_pages_may_open_websockets_to_their_own_host(client):
    assert directives(client.get("/account/sign-in/"))["connect-src"] == ["'self'", "ws://testserver"]


def test_pages_over_https_may_open_secure_websockets_to_their_own_host(client):
    response = client.get("/account/sign-in/", secure=True)
    assert directives(response)["connect-src"] == ["'self'", "wss://testserver"]


def test_site_pages_cannot_be_framed_or_post_elsewhere(client):
    policy = directives(client.get("/account/sign-in/"))
    assert (policy["frame-ancestors"], policy["form-action"]) == (["'none'"], ["'self'"])


def test_the_wagtail_admin_has_its_own_looser_policy(client):
    policy = directives(client.get("/admin/login/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]

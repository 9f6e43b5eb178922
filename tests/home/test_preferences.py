"""Display preferences: a cookie for visitors, the profile for members, a class on <html>."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

CHOICES = {
    "text_size": "150",
    "contrast": "high",
    "readable_spacing": "on",
    "reduce_motion": "on",
    "easy_read_first": "on",
}


def html_class(response):
    return re.search(r'<html lang="en-GB" class="([^"]*)"', response.content.decode()).group(1).split()


def test_visitor_choice_is_kept_in_a_cookie_and_applied_on_the_next_page(client, demo):
    response = client.post("/display-preferences/", {**CHOICES, "next": "/about-us/"})
    assert response.status_code == 302
    assert response["Location"] == "/about-us/"
    assert "display_preferences" in response.cookies
    classes = html_class(client.get("/about-us/"))
    assert {"text-150", "contrast-high", "spacing-readable", "reduce-motion", "easy-read-first"} <= set(
        classes
    )


def test_member_choice_is_saved_on_the_profile_and_follows_them(client, make_member, demo):
    member = make_member("amina@example.org")
    client.force_login(member)
    client.post("/display-preferences/", {"text_size": "200", "contrast": "dark"})
    member.profile.refresh_from_db()
    assert (member.profile.text_size, member.profile.contrast) == ("200", "dark")

    other_device = Client()
    other_device.force_login(member)
    assert {"text-200", "contrast-dark"} <= set(html_class(other_device.get("/")))


def test_default_look_for_a_new_visitor(client, demo):
    assert html_class(client.get("/")) == ["text-100", "contrast-standard"]


def test_unknown_choice_shows_an_error_summary_and_keeps_the_rest(client, demo):
    response = client.post(
        "/display-preferences/", {"text_size": "999", "contrast": "dark", "reduce_motion": "on"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert '<a href="#id_text_size_0">Choose a text size from the list</a>' in html
    assert re.search(r'value="dark"[^>]*checked', html)
    assert re.search(r'name="reduce_motion"[^>]*checked', html)
    assert "<title>Error: Display preferences" in html


def test_a_tampered_cookie_falls_back_to_the_default(client, demo):
    client.cookies["display_preferences"] = '{"text_size": "<script>", "contrast": 5}'
    assert html_class(client.get("/")) == ["text-100", "contrast-standard"]
    client.cookies["display_preferences"] = "not json"
    assert client.get("/").status_code == 200


def test_preferences_do_not_redirect_off_the_site(client, demo):
    response = client.post("/display-preferences/", {**CHOICES, "next": "https://elsewhere.example/"})
    assert response["Location"] == "/display-preferences/"


def test_every_page_header_links_to_display_preferences(client, demo):
    for path in ("/", "/about-us/", "/search/", "/account/sign-in/"):
        assert 'href="/display-preferences/?next=' in client.get(path).content.decode(), path


def preferences_link(response):
    return re.search(
        r'href="(/display-preferences/[^"]*)">Display preferences</a>', response.content.decode()
    )[1]


def test_following_the_preferences_link_from_its_own_page_keeps_next_flat(client):
    link = preferences_link(client.get("/search/", {"q": "support"}))
    for _ in range(3):
        link = preferences_link(client.get(link.replace("&amp;", "&")))
    assert link == "/display-preferences/?next=/search/%3Fq%3Dsupport"


def test_a_next_address_off_the_site_is_not_offered_as_the_way_back(client):
    html = client.get("/display-preferences/", {"next": "javascript:alert(1)"}).content.decode()
    assert "javascript:" not in html


def test_a_next_address_with_a_control_character_is_not_followed(client):
    response = client.post("/display-preferences/", {**CHOICES, "next": "/about-us/\x00"})
    assert response["Location"] == "/display-preferences/"

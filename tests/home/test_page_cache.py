"""Public pages cached for visitors who are not signed in: right after any change, never personal."""

import pytest
from django.core.cache import cache
from django.test import Client

from coproduction.common import page_cache
from coproduction.live import services as live_services
from coproduction.live.protocol import validate_client_message
from tests.factories import make_consultation, make_live_session, signed_in

# Real transactions: a change moves the cache on only once it commits, as on a real server.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def consultation():
    page = make_consultation(title="Getting to meetings")
    # The site's settings are made on the first page shown (a write): make them before the test.
    Client().get(page.url)
    cache.clear()
    return page


def test_a_second_visitor_gets_the_stored_page(consultation):
    first = Client().get(consultation.url)
    second = Client().get(consultation.url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("stored", "hit")
    assert second.content == first.content
    # Headers added around the cache are still there on a stored page.
    assert "Content-Security-Policy" in second and second["X-Frame-Options"] == "DENY"


def test_a_stored_page_changes_right_after_publishing(consultation):
    assert "Getting to meetings" in Client().get(consultation.url).content.decode()
    revision = consultation.save_revision()
    revision.content["title"] = "Getting to meetings and home again"
    revision.save()
    revision.publish()
    page = Client().get(consultation.url)
    assert "Getting to meetings and home again" in page.content.decode()


def test_a_stored_page_changes_right_after_publishing_an_older_revision(consultation):
    older = consultation.latest_revision
    newer = consultation.save_revision()
    newer.content["title"] = "Travel to meetings"
    newer.save()
    newer.publish()
    assert "Travel to meetings" in Client().get(consultation.url).content.decode()
    older.publish()
    html = Client().get(consultation.url).content.decode()
    assert "Getting to meetings" in html and "Travel to meetings" not in html


def test_a_change_that_is_rolled_back_keeps_the_stored_page(consultation):
    from django.db import transaction

    Client().get(consultation.url)
    with pytest.raises(RuntimeError), transaction.atomic():
        type(consultation).objects.filter(pk=consultation.pk).update(title="Never saved")
        raise RuntimeError
    assert Client().get(consultation.url)["X-Page-Cache"] == "hit"


def test_a_signed_in_member_never_gets_the_stored_page(consultation, make_member):
    Client().get(consultation.url)
    member = signed_in(make_member("amina@example.org", display_name="Amina Yusuf"))
    page = member.get(consultation.url)
    assert "X-Page-Cache" not in page
    assert "Sign out" in page.content.decode()


def test_a_member_never_gets_another_members_page(consultation, make_member):
    amina = signed_in(make_member("amina@example.org", display_name="Amina Yusuf"))
    ben = signed_in(make_member("ben@example.org", display_name="Ben Okafor"))
    first = amina.get("/account/profile/")
    second = ben.get("/account/profile/")
    assert "Amina Yusuf" in first.content.decode()
    assert "Ben Okafor" in second.content.decode() and "Amina Yusuf" not in second.content.decode()
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_display_preferences_in_a_cookie_get_their_own_page(consultation):
    Client().get(consultation.url)
    visitor = Client()
    visitor.cookies["display_preferences"] = '{"text_size":"200","contrast":"high"}'
    html = visitor.get(consultation.url).content.decode()
    assert "text-200" in html and "contrast-high" in html
    assert "text-100 contrast-standard" in Client().get(consultation.url).content.decode()


def test_saving_preferences_shows_the_message_and_the_new_look_at_once(consultation):
    visitor = Client(enforce_csrf_checks=True)
    form = visitor.get("/display-preferences/")
    assert "X-Page-Cache" not in form  # a page with a form token is never stored
    token = visitor.cookies["csrftoken"].value
    Client().get(consultation.url)  # the standard look, stored
    response = visitor.post(
        "/display-preferences/",
        {
            "csrfmiddlewaretoken": token,
            "text_size": "150",
            "contrast": "dark",
            "next": consultation.url,
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Your display preferences have been saved." in html
    assert "text-150" in html and "contrast-dark" in html


def test_a_page_with_a_form_for_visitors_is_never_stored_and_its_form_works():
    sign_in = Client(enforce_csrf_checks=True)
    first = sign_in.get("/account/sign-in/")
    again = Client().get("/account/sign-in/")
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in again
    response = sign_in.post(
        "/account/sign-in/",
        {
            "csrfmiddlewaretoken": sign_in.cookies["csrftoken"].value,
            "username": "x@example.org",
            "password": "no",
        },
    )
    assert response.status_code == 200  # the form's own error, not a CSRF refusal (403)


def test_any_write_from_any_code_moves_the_cache_on(consultation):
    before = page_cache.generation()
    type(consultation).objects.filter(pk=consultation.pk).update(summary="Updated without a signal.")
    assert page_cache.generation() > before


def live_action(session, user, action_type, **fields):
    message = {"type": action_type, "id": f"{action_type}-{user.pk}", **fields}
    schema = validate_client_message(message)
    data = {name: message.get(name) for name in schema.fields}
    return live_services.perform(session.pk, user, schema, message["id"], data)


def test_the_people_in_a_live_session_keep_the_stored_page_and_its_state_moves_it_on(
    consultation, make_member
):
    chair, member = make_member("chair@example.org"), make_member("member@example.org")
    session = make_live_session(consultation, chair)
    Client().get(consultation.url)
    before = page_cache.generation()

    # What the people in the session do, and the engine's bookkeeping of it, shows on no
    # public page: hundreds joining, raising hands and signalling keep the stored page.
    live_services.join(session.pk, member.pk, "channel-1")
    live_action(session, member, "raise_hand", note="On transport, please")
    live_action(session, member, "lower_hand")
    live_services.leave(session.pk, "channel-1")
    assert page_cache.generation() == before
    assert Client().get(consultation.url)["X-Page-Cache"] == "hit"

    # The session going live is a change anyone may see.
    live_action(session, chair, "start")
    assert page_cache.generation() > before

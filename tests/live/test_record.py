"""Who may read a live session's record and download its transcript: the people who may join,
and everyone once the session has ended if its record is public."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client

from coproduction.live.models import CaptionLine, LiveSession, WhoMayJoin
from tests.factories import make_consultation, make_home_page, make_live_session

pytestmark = pytest.mark.django_db

CAPTION = "The Board agreed to hold its meetings in a hybrid way."
REFUSAL = "The record of this session is only open to the people who may join it."
PAGES = ["record/", "transcript/"]


@pytest.fixture
def board_group():
    return Group.objects.create(name="Castlebridge Health and Wellbeing Board")


@pytest.fixture
def people(make_member, board_group):
    """A chair, someone the session lets in (invited, and in its group) and an outsider."""
    make_home_page()
    allowed = make_member("invited@example.org", display_name="Invited Member")
    allowed.groups.add(board_group)
    return {
        "chair": make_member("chair@example.org", display_name="Cllr Osei"),
        "allowed": allowed,
        "outsider": make_member("outsider@example.org", display_name="Outsider"),
    }


def session_with_captions(people, board_group, who_may_join, state, record_public=None):
    fields = {"record_public": record_public} if record_public is not None else {}
    session = make_live_session(
        make_consultation(),
        people["chair"],
        who_may_join=who_may_join,
        group=board_group if who_may_join == WhoMayJoin.GROUP else None,
        state=state,
        **fields,
    )
    session.invited.add(people["allowed"])
    CaptionLine.objects.create(session=session, text=CAPTION)
    return session


def visit(session, path, person=None):
    client = Client()
    if person is not None:
        client.force_login(person)
    return client.get(f"{session.host.specific.url}live/{session.pk}/{path}")


def shows_captions(response):
    return CAPTION in response.content.decode()


RUNNING = ["scheduled", "live", "paused"]
KINDS = [WhoMayJoin.SIGNED_IN, WhoMayJoin.INVITED, WhoMayJoin.GROUP]
PRIVATE_KINDS = [WhoMayJoin.INVITED, WhoMayJoin.GROUP]
PRIVATE_AFTER = [
    (WhoMayJoin.SIGNED_IN, False),
    (WhoMayJoin.INVITED, None),
    (WhoMayJoin.INVITED, False),
    (WhoMayJoin.GROUP, None),
    (WhoMayJoin.GROUP, False),
]


def running(kinds, record_public):
    """(state, who may join, record_public) for each state of a session that has not ended."""
    return [(state, kind, record_public) for state in RUNNING for kind in kinds]


def ended(cases):
    """(state, who may join, record_public) for each (who may join, record_public), after the session."""
    return [("ended", kind, record_public) for kind, record_public in cases]


# While the session has not ended the record is for exactly the people who may join, whatever
# the record setting; after it, public where the session says so, otherwise still only theirs.
NOT_PUBLIC = running(KINDS, True) + ended(PRIVATE_AFTER)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("state, who_may_join, record_public", running(KINDS, None) + ended(PRIVATE_AFTER))
def test_people_who_may_join_read_the_record_while_it_runs_and_after_even_when_private(
    people, board_group, path, state, who_may_join, record_public
):
    session = session_with_captions(people, board_group, who_may_join, state, record_public)
    response = visit(session, path, people["allowed"])
    assert response.status_code == 200 and shows_captions(response)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("state, who_may_join, record_public", NOT_PUBLIC)
def test_signed_out_visitors_are_asked_to_sign_in_for_a_record_not_yet_public(
    people, board_group, path, state, who_may_join, record_public
):
    session = session_with_captions(people, board_group, who_may_join, state, record_public)
    response = visit(session, path)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/?next=")


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(
    "state, who_may_join, record_public",
    [case for case in NOT_PUBLIC if case[1] != WhoMayJoin.SIGNED_IN],
)
def test_outsiders_are_refused_a_record_not_yet_public_with_a_clear_page(
    people, board_group, path, state, who_may_join, record_public
):
    session = session_with_captions(people, board_group, who_may_join, state, record_public)
    response = visit(session, path, people["outsider"])
    assert response.status_code == 403
    assert REFUSAL in response.content.decode() and not shows_captions(response)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(
    "who_may_join, record_public",
    [
        (WhoMayJoin.SIGNED_IN, None),
        (WhoMayJoin.SIGNED_IN, True),
        (WhoMayJoin.INVITED, True),
        (WhoMayJoin.GROUP, True),
    ],
)
@pytest.mark.parametrize("visitor", [None, "outsider"])
def test_a_public_record_is_open_to_everyone_once_the_session_has_ended(
    people, board_group, path, who_may_join, record_public, visitor
):
    session = session_with_captions(people, board_group, who_may_join, "ended", record_public)
    response = visit(session, path, people.get(visitor))
    assert response.status_code == 200 and shows_captions(response)


# The consultation page links to the record only for people who may open it.


def record_links(session, person=None):
    client = Client()
    if person is not None:
        client.force_login(person)
    html = client.get(session.host.specific.url).content.decode()
    href = f"{session.host.specific.url}live/{session.pk}/record/"
    return BeautifulSoup(html, "html.parser").select(f'a[href="{href}"]')


@pytest.mark.parametrize(
    "record_public, visitor, sees_link",
    [
        (None, None, False),
        (None, "outsider", False),
        (None, "allowed", True),
        (True, None, True),
        (True, "outsider", True),
    ],
)
def test_the_consultation_page_links_to_the_record_only_for_people_who_may_open_it(
    people, board_group, record_public, visitor, sees_link
):
    session = session_with_captions(people, board_group, WhoMayJoin.INVITED, "ended", record_public)
    assert bool(record_links(session, people.get(visitor))) is sees_link


# Board editors set it in the admin, with the rest of the session.


def form_data(html, form_selector):
    """What a browser would send for the form as it stands."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "select":
            chosen = [o.get("value", o.text) for o in field.select("option") if o.has_attr("selected")]
            if field.has_attr("multiple"):
                data.setdefault(name, []).extend(chosen)
            elif chosen:
                data[name] = chosen[0]
        elif field.name == "textarea":
            data[name] = field.text
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file"):
            data[name] = field.get("value", "")
    return data


def test_board_editors_make_an_invited_sessions_record_public_in_the_admin(people, board_group, make_member):
    editor = make_member("editor@example.org", groups=["Board editors"])
    session = session_with_captions(people, board_group, WhoMayJoin.INVITED, "ended")
    client = Client()
    client.force_login(editor)
    url = f"/admin/snippets/live/livesession/edit/{session.pk}/"
    data = form_data(client.get(url).content.decode(), f"form[method=post][action$='/edit/{session.pk}/']")
    assert data["record_public"] == [""]  # decided from who may join
    data["record_public"] = "True"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert LiveSession.objects.get(pk=session.pk).record_public is True

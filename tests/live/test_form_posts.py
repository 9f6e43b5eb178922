"""Live actions as plain form posts (no JavaScript): a refused post says why on the page the
person lands on, keeps what they typed, and changes nothing."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from coproduction.common.ratelimit import allow
from coproduction.live import services
from coproduction.live.models import (
    AccessSignal,
    CaptionLine,
    LiveEvent,
    LiveSession,
    ProcessedAction,
    RaisedHand,
    WrittenQuestion,
)
from coproduction.live.protocol import CLIENT_MESSAGES, FORM_POSTS_PER_MINUTE
from tests.factories import make_live_session
from tests.live.helpers import both_hosts

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(host_page, chair, captioner, make_member):
    """A live session with a chair, a captioner, a member with a raised hand and a written question."""
    member = make_member("amina@example.org", display_name="Amina")
    session = make_live_session(host_page, chair, captioner)
    act(session, chair, "start")
    act(session, member, "raise_hand", note="I will type my point")
    act(session, member, "ask_question", text="When do the papers go out?")
    return {
        "session": session,
        "chair": chair,
        "captioner": captioner,
        "member": member,
        "hand": RaisedHand.objects.get(),
        "question": WrittenQuestion.objects.get(),
    }


_ids = iter(range(1, 10_000))


def act(session, user, action_type, **data):
    """Do an action the way the services do it for any client, to set a scene."""
    schema = CLIENT_MESSAGES[action_type]
    return services.perform(session.pk, user, schema, f"setup-{next(_ids)}", data)


def post(live, person, data):
    client = Client()
    client.force_login(live[person])
    return client.post(f"{live['session'].host.specific.url}live/{live['session'].pk}/action/", data)


def everything_stored(session):
    """All that a form post could change in a session."""
    session = LiveSession.objects.get(pk=session.pk)
    return {
        "session": (session.state, session.current_item_id, session.announcement, session.last_seq),
        "events": list(LiveEvent.objects.filter(session=session).values_list("seq", "type", "payload")),
        "hands": list(RaisedHand.objects.values_list("pk", "state", "note")),
        "questions": list(WrittenQuestion.objects.values_list("pk", "text", "status", "publish")),
        "signals": list(AccessSignal.objects.values_list("pk", "kind", "reset_at")),
        "captions": list(CaptionLine.objects.values_list("pk", "text")),
        "processed": ProcessedAction.objects.count(),
    }


def error_summary(response):
    summary = BeautifulSoup(response.content.decode(), "html.parser").select_one(".error-summary")
    return summary.get_text(" ", strip=True) if summary else ""


def page_heading(response):
    return BeautifulSoup(response.content.decode(), "html.parser").h1.get_text(strip=True)


def field_value(response, field_id):
    field = BeautifulSoup(response.content.decode(), "html.parser").find(id=field_id)
    if field.name == "textarea":
        return field.text.removeprefix("\n")  # as a browser reads it: a first line break is markup
    return field.get("value", "")


# A field sent twice ----------------------------------------------------------------


def repeated_posts(live):
    """(person, a post that would be done, the field to repeat) for every kind of field."""
    hand, question = live["hand"].pk, live["question"].pk
    chair = {"from": "chair"}
    return {
        "type": ("member", {"type": "ask_question", "id": "r1", "text": "Is there parking?"}, "type"),
        "id": ("member", {"type": "ask_question", "id": "r2", "text": "Is there parking?"}, "id"),
        "text": ("member", {"type": "ask_question", "id": "r3", "text": "Is there parking?"}, "text"),
        "note": ("chair", {"type": "raise_hand", "id": "r4", "note": "A point from the chair"}, "note"),
        "kind": ("member", {"type": "signal", "id": "r5", "kind": "slow_down"}, "kind"),
        "hand_id": ("chair", {"type": "give_floor", "id": "r6", "hand_id": hand, **chair}, "hand_id"),
        "question_id": (
            "chair",
            {"type": "mark_question", "id": "r7", "question_id": question, "status": "answered", **chair},
            "question_id",
        ),
        "status": (
            "chair",
            {"type": "mark_question", "id": "r8", "question_id": question, "status": "answered", **chair},
            "status",
        ),
        "publish": (
            "chair",
            {
                "type": "mark_question",
                "id": "r9",
                "question_id": question,
                "status": "answered",
                "publish": "on",
            },
            "publish",
        ),
        "item_id": (
            "chair",
            {"type": "set_agenda", "id": "r10", "item_id": live["session"].ordered_agenda()[1].pk, **chair},
            "item_id",
        ),
        "announcement": ("chair", {"type": "announce", "id": "r11", "text": "Back at 7", **chair}, "text"),
        "caption": ("captioner", {"type": "caption", "id": "r12", "text": "Good evening."}, "text"),
    }


@pytest.mark.parametrize(
    "case",
    ["type", "id", "text", "note", "kind", "hand_id", "question_id", "status", "publish", "item_id"]
    + ["announcement", "caption"],
)
def test_a_form_post_with_a_repeated_field_is_refused_and_changes_nothing(live, case):
    person, data, repeated = repeated_posts(live)[case]
    before = everything_stored(live["session"])
    response = post(live, person, {**data, repeated: [data[repeated], data[repeated]]})
    assert response.status_code == 400
    assert f"The form was sent with more than one \u201c{repeated}\u201d, so nothing was changed." in (
        error_summary(response)
    )
    assert everything_stored(live["session"]) == before


# Control characters and overlong text ------------------------------------------------

TEXT_FIELDS = {
    # action: (person, field id on the page, what the message calls it, limit, extra fields)
    "ask_question": ("member", "question-text", "Your question or comment", 1000, {}),
    "raise_hand": ("member", "hand-note", "Your note for the chair", 200, {}),
    "announce": ("chair", "announce-text", "The announcement", 500, {"from": "chair"}),
    "caption": ("captioner", "caption-text", "The caption line", 2000, {}),
}
TEXT_FIELD_NAMES = {"raise_hand": "note"}
CONTROL_CHARACTERS = {"NUL": "\x00", "bell": "\x07", "escape": "\x1b", "delete": "\x7f", "C1": "\x85"}


def text_post(live, action, text):
    person, _field_id, _what, _limit, extra = TEXT_FIELDS[action]
    if action == "raise_hand":
        act(live["session"], live["member"], "lower_hand")
    data = {"type": action, "id": f"{action}-1", TEXT_FIELD_NAMES.get(action, "text"): text, **extra}
    return person, data


@pytest.mark.parametrize("character", CONTROL_CHARACTERS.values(), ids=CONTROL_CHARACTERS.keys())
@pytest.mark.parametrize("action", TEXT_FIELDS)
def test_control_characters_in_live_text_are_refused_before_anything_is_stored(live, action, character):
    person, data = text_post(live, action, f"Step-free{character} access, please")
    before = everything_stored(live["session"])
    response = post(live, person, data)
    assert response.status_code == 400
    what = TEXT_FIELDS[action][2]
    assert f"{what} had characters that cannot be used, such as invisible control characters." in (
        error_summary(response)
    )
    assert everything_stored(live["session"]) == before


@pytest.mark.parametrize("action", TEXT_FIELDS)
def test_text_with_control_characters_comes_back_without_them_to_send_again(live, action):
    person, data = text_post(live, action, "Step-free\x00 access,\x07 please")
    response = post(live, person, data)
    assert field_value(response, TEXT_FIELDS[action][1]) == "Step-free access, please"


@pytest.mark.parametrize("action", TEXT_FIELDS)
def test_100000_characters_of_live_text_are_refused_with_the_limit_in_plain_words(live, action):
    person, data = text_post(live, action, "a" * 100_000)
    before = everything_stored(live["session"])
    response = post(live, person, data)
    assert response.status_code == 400
    _person, _field_id, what, limit, _extra = TEXT_FIELDS[action]
    assert (
        f"{what} must be {limit:,} characters or fewer. You have {100_000 - limit:,} characters too many."
        in error_summary(response)
    )
    assert everything_stored(live["session"]) == before


@pytest.mark.parametrize("action", TEXT_FIELDS)
def test_overlong_live_text_is_kept_in_its_box_to_shorten(live, action):
    person, data = text_post(live, action, "a" * 100_000)
    response = post(live, person, data)
    assert field_value(response, TEXT_FIELDS[action][1]) == "a" * 100_000


@pytest.mark.parametrize("action", TEXT_FIELDS)
def test_a_refused_live_text_is_marked_on_its_own_box(live, action):
    person, data = text_post(live, action, "a" * 100_000)
    html = BeautifulSoup(post(live, person, data).content.decode(), "html.parser")
    field_id = TEXT_FIELDS[action][1]
    box = html.find(id=field_id)
    assert box["aria-invalid"] == "true"
    assert f"{field_id}-error" in box["aria-describedby"].split()
    assert html.select_one(f'.error-summary a[href="#{field_id}"]') is not None


BAD_IDS = {
    "NUL": "form\x00id",
    "bell": "form\x07id",
    "line break": "form\nid",
    "100000 characters": "i" * 100_000,
}


@pytest.mark.parametrize("action_id", BAD_IDS.values(), ids=BAD_IDS.keys())
def test_a_bad_action_id_is_refused_before_anything_is_stored(live, action_id):
    before = everything_stored(live["session"])
    response = post(
        live, "member", {"type": "ask_question", "id": action_id, "text": "Is there a hearing loop?"}
    )
    assert response.status_code == 400
    assert "Something went wrong with this form, so nothing was changed. Refresh the page and try again." in (
        error_summary(response)
    )
    assert everything_stored(live["session"]) == before


# Every refusal the services give says why, on the page the person came from -----------


@both_hosts
def test_start_on_an_ended_session_says_it_has_ended_and_changes_nothing(live):
    act(live["session"], live["chair"], "end")
    before = everything_stored(live["session"])
    response = post(live, "chair", {"type": "start", "id": "again", "from": "chair"})
    assert response.status_code == 400
    assert page_heading(response).startswith("Chair's console")
    assert "This session has ended, so this can no longer be done." in error_summary(response)
    assert everything_stored(live["session"]) == before


def test_giving_the_floor_to_a_hand_no_longer_raised_says_so_and_changes_nothing(live):
    act(live["session"], live["member"], "lower_hand")
    before = everything_stored(live["session"])
    response = post(
        live, "chair", {"type": "give_floor", "id": "floor", "hand_id": live["hand"].pk, "from": "chair"}
    )
    assert response.status_code == 400
    assert page_heading(response).startswith("Chair's console")
    assert "That hand is not raised in this session." in error_summary(response)
    assert everything_stored(live["session"]) == before


@both_hosts
def test_a_member_trying_a_chair_action_is_told_only_the_chair_can_and_nothing_changes(live):
    before = everything_stored(live["session"])
    response = post(live, "member", {"type": "end", "id": "end", "from": "chair"})
    assert response.status_code == 403
    assert page_heading(response) == live["session"].title  # the member's own page
    assert "Only the chair can do this." in error_summary(response)
    assert everything_stored(live["session"]) == before


def test_too_many_form_posts_are_refused_with_the_question_kept(live):
    for _ in range(FORM_POSTS_PER_MINUTE):
        assert allow(f"live-form-posts:{live['member'].pk}", FORM_POSTS_PER_MINUTE, 60)
    before = everything_stored(live["session"])
    response = post(live, "member", {"type": "ask_question", "id": "q-late", "text": "Is the lift working?"})
    assert response.status_code == 429
    assert "Too many actions at once. Wait a moment and try again." in error_summary(response)
    assert field_value(response, "question-text") == "Is the lift working?"
    assert everything_stored(live["session"]) == before


@pytest.mark.parametrize(
    "data, refusal",
    [
        ({"type": "raise_hand", "id": "again", "note": "Me again"}, "Your hand is already raised."),
        ({"type": "ask_question", "id": "empty", "text": "   "}, "Enter your question or comment"),
    ],
    ids=["hand-already-raised", "empty-question"],
)
def test_a_members_refused_post_says_what_to_do_and_changes_nothing(live, data, refusal):
    before = everything_stored(live["session"])
    response = post(live, "member", data)
    assert response.status_code == 400
    assert refusal in error_summary(response)
    assert everything_stored(live["session"]) == before


# One set of question controls on the chair's console, both ways ----------------------


def mark(live, question, **fields):
    data = {"type": "mark_question", "id": f"mark-{next(_ids)}", "question_id": question.pk, "from": "chair"}
    return post(live, "chair", {**data, **fields})


@both_hosts
def test_ticking_publish_on_the_chairs_form_publishes_the_question(live):
    question = live["question"]
    assert mark(live, question, status="read_out", publish="on").status_code == 302
    question.refresh_from_db()
    assert question.publish is True


def test_unticking_publish_on_the_chairs_form_takes_the_question_off_the_record(live):
    question = live["question"]
    mark(live, question, status="answered", publish="on")
    assert mark(live, question, status="answered").status_code == 302  # the unticked box is not sent
    question.refresh_from_db()
    assert question.publish is False

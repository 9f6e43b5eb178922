"""Live actions and server events are each declared once, and everything reads the declaration."""

import json
import re
from pathlib import Path

import pytest
from django.test import Client

from coproduction.live import events
from coproduction.live.protocol import CLIENT_MESSAGES
from coproduction.live.registry import ACTIONS, CONTROL_MESSAGES, register_action
from tests.factories import make_live_session

DOC = Path(__file__).resolve().parents[2] / "docs" / "live-protocol.md"


def undocumented_types(doc_text):
    """Every registered message type the protocol doc does not name in its tables."""
    named = set(re.findall(r"^\| `([a-z_]+)` \|", doc_text, flags=re.M))
    registered = [*CONTROL_MESSAGES, *ACTIONS, *events.EVENTS, *events.EPHEMERAL_MESSAGES]
    return sorted(t for t in registered if t not in named)


def test_every_registered_action_and_event_is_in_the_protocol_doc():
    assert undocumented_types(DOC.read_text()) == []


def test_an_action_registered_without_its_doc_row_is_named():
    @register_action("wave", doc="Wave at the chair.", confirmation="You waved.")
    def wave(unit, user, data):
        return {}

    try:
        assert undocumented_types(DOC.read_text()) == ["wave"]
    finally:
        del ACTIONS["wave"]


def test_another_app_registers_its_action_without_editing_the_engine():
    action = CLIENT_MESSAGES["show_agenda_question"]
    assert (action.role, action.handler.__module__) == ("chair", "consultations.live_actions")


def test_an_action_declared_twice_is_refused():
    with pytest.raises(ValueError, match="declared twice"):

        @register_action("raise_hand", doc="Another hand.", confirmation="Raised.")
        def another_raise_hand(unit, user, data):
            return {}


def test_an_event_with_an_undeclared_field_is_refused_when_it_is_built():
    with pytest.raises(TypeError, match="unexpected keyword argument 'name'"):
        events.Floor(hand_id=3, name="Amina")


def test_an_event_with_a_field_of_the_wrong_type_is_refused_when_it_is_built():
    with pytest.raises(TypeError, match="hand_id must be"):
        events.Floor(hand_id="3")
    with pytest.raises(TypeError, match="hands must be"):
        events.Queue(hands=[1, True], floor=None)


def test_a_message_that_does_not_match_its_event_is_refused():
    with pytest.raises(TypeError):
        events.validate_server_message({"type": "caption", "seq": 4, "line": {}, "speaker": "Ruth"})
    with pytest.raises(TypeError):
        events.validate_server_message({"type": "caption", "line": {}})


@pytest.mark.django_db
def test_the_page_gives_the_browser_every_registered_action(host_page, make_member):
    session = make_live_session(host_page, make_member("chair@example.org"))
    client = Client()
    client.force_login(session.chairs.get())
    html = client.get(host_page.url_for("chair_console", session.pk)).content.decode()
    blob = re.search(r'<script id="live-actions" type="application/json">(.*?)</script>', html, re.S)
    actions = json.loads(blob.group(1))
    assert sorted(actions) == sorted(ACTIONS)
    assert actions["give_floor"]["int_fields"] == ["hand_id"]
    assert actions["mark_question"]["bool_fields"] == ["publish"]
    assert (actions["raise_hand"]["optional_fields"], actions["ask_question"]["optional_fields"]) == (
        ["note"],
        [],
    )
    assert actions["raise_hand"]["confirmation"] == "Your hand is raised."


def test_the_browser_code_repeats_no_action_type_list():
    script = (Path(__file__).resolve().parents[2] / "coproduction/live/static/live/live.js").read_text()
    assert "CONFIRM" not in script and "INT_FIELDS" not in script
    assert 'getElementById("live-actions")' in script

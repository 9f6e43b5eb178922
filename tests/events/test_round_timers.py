"""World Café rounds and the table host's notes over a real WebSocket: a facilitator starts a
round, gives more time and ends it; the members seated at the café and the hosts hear each
change; a late or reconnecting member finds the round and the recent notes in the snapshot;
a note reaches only the members seated at that table; bad input is refused by id, with the
socket kept open."""

import re
import time
from datetime import datetime, timedelta

import pytest
from asgiref.sync import sync_to_async
from django.utils import timezone

from events.live_rounds import NOTES_KEPT
from events.models import EventFormat, RemoteSeat, RoundTimer, TableNote
from tests.events.factories import make_event, make_world_cafe
from tests.factories import make_live_session
from tests.live.helpers import LiveClient, joined

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@sync_to_async
def seat(live, person, table=0, round_number=1):
    RemoteSeat.objects.update_or_create(
        member=live[person],
        round=live["rounds"][round_number - 1],
        defaults={"table": live["tables"][table]},
    )


def moment(iso):
    return datetime.fromisoformat(iso)


async def test_a_started_round_reaches_the_seated_members_and_hosts_with_its_question_and_end(cafe_live):
    live = cafe_live
    await seat(live, "sender", table=0, round_number=2)
    facilitator = await joined(live["session"], live["facilitator"])
    member = await joined(live["session"], live["sender"])
    host = await joined(live["session"], live["hosts"][1])
    before = timezone.now()

    reply = await facilitator.action("start_round", round=live["rounds"][1].pk, minutes=20)
    assert reply["type"] == "ack", reply

    for client in (member, host):
        told = await client.receive_type("round_timer")
        assert told["change"] == "started"
        timer = told["timer"]
        assert (timer["round"], timer["question"], timer["running"]) == (2, "What would help?", True)
        ends = moment(timer["ends_at"])
        assert timedelta(minutes=20) <= ends - before < timedelta(minutes=21)
        assert told["message"].startswith("Round 2 has started: What would help? It ends at ")
        assert told["message"].endswith("in about 20 minutes.")
    stored = await sync_to_async(RoundTimer.objects.get)()
    assert stored.ends_at - stored.started_at == timedelta(minutes=20)
    for client in (facilitator, member, host):
        await client.close()


async def test_a_member_who_joins_late_gets_the_round_from_the_snapshot(cafe_live):
    live = cafe_live
    facilitator = await joined(live["session"], live["facilitator"])
    await facilitator.action("start_round", round=live["rounds"][0].pk)  # the round's own 20 minutes
    await seat(live, "sender")

    late = await _snapshot_of(live, "sender")
    (current,) = late["world_cafe"]["rounds"]
    assert (current["round"], current["question"], current["running"]) == (1, "What gets in the way?", True)
    stored = await sync_to_async(RoundTimer.objects.get)()
    assert abs(moment(current["ends_at"]) - stored.ends_at) < timedelta(milliseconds=1)
    assert stored.ends_at - stored.started_at == timedelta(minutes=20)
    # The server's clock comes too, so a device with a wrong clock still counts down right.
    assert abs(late["server_now"] - time.time() * 1000) < 5000
    await facilitator.close()


async def _snapshot_of(live, person):
    client = LiveClient(live["session"], live[person])
    assert await client.connect()
    snapshot = await client.receive_type("snapshot")
    await client.close()
    return snapshot


async def test_more_time_moves_the_end_and_is_told_politely_and_ending_stops_the_round(cafe_live):
    live = cafe_live
    await seat(live, "sender")
    facilitator = await joined(live["session"], live["facilitator"])
    member = await joined(live["session"], live["sender"])
    first = live["rounds"][0].pk
    started = await facilitator.action("start_round", round=first, minutes=10)
    await member.receive_type("round_timer")

    more = await facilitator.action("give_round_more_time", round=first, minutes=5)
    assert more["type"] == "ack", more
    told = await member.receive_type("round_timer")
    assert told["change"] == "more_time"
    assert moment(told["timer"]["ends_at"]) - moment(started["result"]["ends_at"]) == timedelta(minutes=5)
    assert told["message"] == f"More time: round 1 now ends at {told['timer']['ends_at_words']}."

    ended = await facilitator.action("end_round", round=first)
    assert ended["type"] == "ack"
    told = await member.receive_type("round_timer")
    assert (told["change"], told["timer"]["running"], told["message"]) == (
        "ended",
        False,
        "Round 1 has ended.",
    )
    # Another round may start now; ending it twice is refused.
    again = await facilitator.action("end_round", round=first)
    assert (again["type"], again["code"], again["message"]) == (
        "error",
        "wrong_state",
        "Round 1 is not running.",
    )
    assert (await facilitator.action("start_round", round=live["rounds"][1].pk))["type"] == "ack"
    for client in (facilitator, member):
        await client.close()


async def test_a_second_round_cannot_start_while_one_runs(cafe_live):
    live = cafe_live
    facilitator = await joined(live["session"], live["facilitator"])
    await facilitator.action("start_round", round=live["rounds"][0].pk)
    refused = await facilitator.action("start_round", action_id="second", round=live["rounds"][1].pk)
    assert (refused["type"], refused["id"], refused["code"]) == ("error", "second", "wrong_state")
    assert refused["message"] == "Round 1 is still running. End it before you start another."
    assert await sync_to_async(RoundTimer.objects.count)() == 1
    await facilitator.close()


async def test_members_and_table_hosts_cannot_run_rounds(cafe_live):
    live = cafe_live
    for person in (live["sender"], live["hosts"][0]):
        client = await joined(live["session"], person)
        for action, fields in [
            ("start_round", {"round": live["rounds"][0].pk}),
            ("give_round_more_time", {"round": live["rounds"][0].pk}),
            ("end_round", {"round": live["rounds"][0].pk}),
        ]:
            refused = await client.action(action, action_id=f"not-{action}", **fields)
            assert (refused["type"], refused["id"], refused["code"]) == (
                "error",
                f"not-{action}",
                "forbidden",
            )
            assert refused["message"] == "Only a facilitator or the chair can start and end rounds."
        assert (await client.action("raise_hand"))["type"] == "ack"  # still connected
        await client.close()
    assert await sync_to_async(RoundTimer.objects.count)() == 0


async def test_the_chair_may_run_the_rounds(cafe_live):
    live = cafe_live
    chair = await joined(live["session"], await sync_to_async(live["session"].chairs.get)())
    assert (await chair.action("start_round", round=live["rounds"][0].pk))["type"] == "ack"
    await chair.close()


async def test_a_note_reaches_only_the_members_seated_at_that_table(cafe_live, make_member):
    live = cafe_live

    @sync_to_async
    def third_member():
        from events import services

        person = make_member("third@example.org", display_name="Rhian")
        services.register(live["event"], person, {"attendance_mode": "online"})
        return person

    live["third"] = await third_member()
    await seat(live, "sender", table=0, round_number=1)  # at Table 1, its host is hosts[0]
    await seat(live, "other", table=1, round_number=1)  # at another table
    # "third" has a place online but no seat.
    facilitator = await joined(live["session"], live["facilitator"])
    await facilitator.action("start_round", round=live["rounds"][0].pk)
    host = await joined(live["session"], live["hosts"][0])
    seated = await joined(live["session"], live["sender"])
    elsewhere = await joined(live["session"], live["other"])
    unseated = await joined(live["session"], live["third"])
    other_host = await joined(live["session"], live["hosts"][1])

    text = "We're now talking about transport: add anything on buses."
    sent = await host.action("post_table_note", table=live["tables"][0].pk, text=text)
    assert sent["type"] == "ack", sent
    note = (await seated.receive_type("table_note"))["note"]
    assert (note["table"], note["text"]) == ("Table 1", text)
    assert (await facilitator.receive_type("table_note"))["note"]["id"] == note["id"]
    for client in (elsewhere, unseated, other_host):
        assert not [m for m in await client.collect(0.3) if m["type"] == "table_note"]

    # Kept for a reconnect, only for the member seated at that table.
    assert [n["text"] for n in (await _snapshot_of(live, "sender"))["world_cafe"]["notes"]] == [text]
    assert (await _snapshot_of(live, "other"))["world_cafe"]["notes"] == []
    assert (await _snapshot_of(live, "third"))["world_cafe"]["notes"] == []
    for client in (facilitator, host, seated, elsewhere, unseated, other_host):
        await client.close()


async def test_the_snapshot_keeps_only_the_most_recent_notes(cafe_live):
    live = cafe_live
    await seat(live, "sender")
    host = await joined(live["session"], live["hosts"][0])
    for n in range(NOTES_KEPT + 3):
        assert (await host.action("post_table_note", table=live["tables"][0].pk, text=f"Note {n}"))[
            "type"
        ] == "ack"
    notes = (await _snapshot_of(live, "sender"))["world_cafe"]["notes"]
    assert [n["text"] for n in notes] == [f"Note {n}" for n in range(3, NOTES_KEPT + 3)]
    await host.close()


async def test_only_the_tables_host_or_a_facilitator_posts_notes_to_it(cafe_live):
    live = cafe_live
    for person in (live["hosts"][1], live["sender"]):
        client = await joined(live["session"], person)
        refused = await client.action(
            "post_table_note", action_id="n1", table=live["tables"][0].pk, text="Hello"
        )
        assert (refused["type"], refused["id"], refused["code"]) == ("error", "n1", "forbidden")
        assert refused["message"] == "Only this table's host can post notes to it."
        await client.close()
    facilitator = await joined(live["session"], live["facilitator"])
    assert (await facilitator.action("post_table_note", table=live["tables"][0].pk, text="Hello"))[
        "type"
    ] == "ack"
    assert await sync_to_async(TableNote.objects.count)() == 1
    await facilitator.close()


async def test_rounds_and_tables_of_another_event_are_refused(cafe_live, make_member):
    live = cafe_live

    @sync_to_async
    def elsewhere():
        other_event = make_event(title="Another event", event_format=EventFormat.ONLINE)
        other_cafe = make_world_cafe(other_event, title="Another café", hosts=[live["hosts"][0]])
        make_live_session(other_event, make_member("otherchair@example.org"))
        return other_cafe.ordered_tables()[0], other_cafe.ordered_rounds()[0]

    other_table, other_round = await elsewhere()
    facilitator = await joined(live["session"], live["facilitator"])
    cases = [
        (
            "start_round",
            {"round": other_round.pk},
            "That round is not one of this event's World Café rounds.",
        ),
        ("give_round_more_time", {"round": other_round.pk}, "That round is not one"),
        ("end_round", {"round": 10**9}, "That round is not one"),
        ("post_table_note", {"table": other_table.pk, "text": "Hi"}, "That table is not at this event's"),
    ]
    for n, (action, fields, message) in enumerate(cases):
        reply = await facilitator.action(action, action_id=f"else-{n}", **fields)
        assert (reply["type"], reply["id"], reply["code"]) == ("error", f"else-{n}", "not_found"), reply
        assert reply["message"].startswith(message)
    assert await sync_to_async(lambda: (RoundTimer.objects.count(), TableNote.objects.count()))() == (0, 0)
    assert (await facilitator.action("start_round", round=live["rounds"][0].pk))["type"] == "ack"
    await facilitator.close()


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"minutes": 0}, "invalid_value"),
        ({"minutes": 121}, "invalid_value"),
        ({"minutes": "20"}, "wrong_type"),
        ({"minutes": True}, "wrong_type"),
    ],
    ids=["no minutes", "over two hours", "a string", "true"],
)
async def test_a_round_length_out_of_bounds_is_refused(cafe_live, fields, code):
    live = cafe_live
    facilitator = await joined(live["session"], live["facilitator"])
    reply = await facilitator.action("start_round", action_id="len", round=live["rounds"][0].pk, **fields)
    assert (reply["type"], reply["id"], reply["code"]) == ("error", "len", code)
    assert await sync_to_async(RoundTimer.objects.count)() == 0
    await facilitator.close()


@pytest.mark.parametrize(
    "text, code",
    [
        ("Buses\x00next", "invalid_value"),
        ("Buses \x1b[31m next", "invalid_value"),
        ("x" * 100_000, "too_large"),
        ("x" * 301, "invalid_value"),
        ("   ", "invalid_value"),
    ],
    ids=["NUL", "escape", "100,000 characters", "301 characters", "blank"],
)
async def test_a_bad_note_is_refused_with_its_id_and_nothing_is_stored(cafe_live, text, code):
    live = cafe_live
    host = await joined(live["session"], live["hosts"][0])
    reply = await host.action("post_table_note", action_id="bad-note", table=live["tables"][0].pk, text=text)
    assert (reply["type"], reply["id"], reply["code"]) == ("error", "bad-note", code)
    assert await sync_to_async(TableNote.objects.count)() == 0
    ok = await host.action("post_table_note", table=live["tables"][0].pk, text="Now on buses.")
    assert ok["type"] == "ack"
    await host.close()


# Without JavaScript: the same actions as form posts, each refusal in the error summary.


def signed_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def seat_page(live, person):
    return signed_in(live[person]).get(live["cafe"].url_for("remote_seat")).content.decode()


def test_rounds_and_notes_work_as_form_posts_and_the_seat_page_says_them_in_words(cafe_live):
    from home.dates import time_in_words

    live = cafe_live
    cafe, first = live["cafe"], live["rounds"][0]
    RemoteSeat.objects.create(member=live["sender"], table=live["tables"][0], round=first)
    RemoteSeat.objects.create(member=live["other"], table=live["tables"][1], round=first)
    facilitator, host = signed_in(live["facilitator"]), signed_in(live["hosts"][0])
    run = cafe.url_for("run_round")

    response = facilitator.post(run, {"type": "start_round", "round": first.pk, "minutes": "15", "id": "r1"})
    assert response.status_code == 302
    timer = RoundTimer.objects.get()
    assert timer.ends_at - timer.started_at == timedelta(minutes=15)
    page = seat_page(live, "sender")
    assert "<strong>Round 1</strong>: What gets in the way?" in page
    assert f"ends at {time_in_words(timer.ends_at)}." in page
    assert re.search(r"About 1[45] minutes left in round 1", page)
    (server_clock,) = re.findall(r'data-server-now="(\d+)"', page)
    assert abs(int(server_clock) - time.time() * 1000) < 5000
    assert "Your seat for round 1: <strong>Table 1</strong>." in page

    text = "We're now talking about transport: add anything on buses."
    note_url = cafe.url_for("post_table_note")
    response = host.post(note_url, {"note-table": live["tables"][0].pk, "note-text": text, "id": "n1"})
    assert response.status_code == 302
    assert text.replace("'", "&#x27;") in seat_page(live, "sender")
    assert "transport" not in seat_page(live, "other")  # seated at another table

    response = facilitator.post(
        run, {"type": "give_round_more_time", "round": first.pk, "minutes": "5", "id": "m1"}
    )
    assert response.status_code == 302
    timer.refresh_from_db()
    assert timer.ends_at - timer.started_at == timedelta(minutes=20)
    assert f"ends at {time_in_words(timer.ends_at)}." in seat_page(live, "sender")
    response = facilitator.post(run, {"type": "end_round", "round": first.pk, "id": "e1"})
    assert response.status_code == 302
    assert "Round 1 has ended." in seat_page(live, "sender")


@pytest.mark.parametrize(
    "text, message",
    [
        ("Buses\x00next", "Remove the invisible control character"),
        ("Buses next " + "x" * 100_000, "must be 300 characters or fewer"),
        ("", "Write the note for your table"),
    ],
    ids=["NUL", "100,000 characters", "empty"],
)
def test_a_refused_note_form_shows_the_error_summary_and_keeps_the_text(cafe_live, text, message):
    live = cafe_live
    response = signed_in(live["hosts"][0]).post(
        live["cafe"].url_for("post_table_note"), {"note-table": live["tables"][0].pk, "note-text": text}
    )
    page = response.content.decode()
    assert response.status_code == 400
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert message in summary
    if text:
        assert "Buses" in page.split('name="note-text"', 1)[1].split("</textarea>", 1)[0]
    assert TableNote.objects.count() == 0


def test_a_note_form_for_another_table_or_from_a_member_is_refused(cafe_live, make_member):
    live = cafe_live
    other_cafe = make_world_cafe(make_event(title="Elsewhere"), title="Other café", hosts=[live["hosts"][0]])
    host = signed_in(live["hosts"][0])
    for table in (live["tables"][1], other_cafe.ordered_tables()[0]):
        response = host.post(
            live["cafe"].url_for("post_table_note"), {"note-table": table.pk, "note-text": "Buses next"}
        )
        assert response.status_code == 400
        assert "Choose a table you host" in response.content.decode()
    response = signed_in(live["sender"]).post(
        live["cafe"].url_for("post_table_note"), {"note-table": live["tables"][0].pk, "note-text": "Hi"}
    )
    assert response.status_code == 403
    assert TableNote.objects.count() == 0


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"type": "start_round", "minutes": "twenty"}, "Give the minutes as a whole number, like 20"),
        ({"type": "start_round", "minutes": "9" * 100_000}, "Give the minutes as a whole number"),
        ({"type": "start_round", "minutes": "500"}, "Give a number of minutes from 1 to 120"),
        ({"type": "give_round_more_time", "minutes": "5"}, "Round 1 is not running."),
        ({"type": "start_round", "round": "elsewhere"}, "Choose a round of this World Café"),
        ({"type": "start_round", "minutes": "20\x00"}, "Give the minutes as a whole number"),
    ],
    ids=["words", "100,000 digits", "too long", "not running", "another café's round", "NUL"],
)
def test_a_refused_round_form_shows_the_error_summary(cafe_live, fields, message):
    live = cafe_live
    other_round = make_world_cafe(make_event(title="Elsewhere"), title="Other café").ordered_rounds()[0]
    data = {"round": live["rounds"][0].pk, **fields}
    if data["round"] == "elsewhere":
        data["round"] = other_round.pk
    response = signed_in(live["facilitator"]).post(live["cafe"].url_for("run_round"), data)
    assert response.status_code == 400
    summary = response.content.decode().split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert message in summary
    assert RoundTimer.objects.count() == 0


def test_a_table_host_who_is_not_a_facilitator_cannot_run_rounds_by_form(cafe_live):
    live = cafe_live
    host = signed_in(live["hosts"][0])
    page = host.get(live["cafe"].url_for("remote_contributions")).content.decode()
    assert "Start the round" not in page and "Send the note" in page
    response = host.post(
        live["cafe"].url_for("run_round"), {"type": "start_round", "round": live["rounds"][0].pk}
    )
    assert response.status_code == 403
    assert "Only a facilitator or the chair can start and end rounds." in response.content.decode()
    assert RoundTimer.objects.count() == 0


def test_a_hosts_notes_are_in_their_data_and_stay_with_the_table_without_them(cafe_live):
    import json

    from coproduction.members.services import delete_account

    live = cafe_live
    host = live["hosts"][0]
    note = TableNote.objects.create(
        session=live["session"], table=live["tables"][0], text="Buses next.", posted_by=host
    )
    data = json.loads(signed_in(host).get("/account/my-data.json").content)["world_cafe"]
    assert [(n["table"], n["text"]) for n in data["notes_you_sent_to_remote_seats"]] == [
        ("Table 1", "Buses next.")
    ]
    other = json.loads(signed_in(live["other"]).get("/account/my-data.json").content)["world_cafe"]
    assert other["notes_you_sent_to_remote_seats"] == []

    delete_account(host)
    note.refresh_from_db()
    assert (note.text, note.posted_by) == ("Buses next.", None)

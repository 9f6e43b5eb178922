"""Remote seats at World Café tables over a real WebSocket: what is sent reaches only that
table's host (and the harvest's facilitators), is accepted into the harvest once with its
provenance, and ids from elsewhere or bad text are refused with the socket kept open."""

import pytest
from asgiref.sync import sync_to_async

from events import services
from events.models import Contribution, ContributionSource, EventFormat, RemoteContribution
from tests.events.factories import make_event, make_world_cafe
from tests.factories import make_live_session
from tests.live.helpers import LiveClient

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def joined(session, user):
    client = LiveClient(session, user)
    assert await client.connect()
    await client.receive_type("snapshot")
    return client


async def seated_and_sent(live, text="Could the Board meet in the evening sometimes?"):
    sender = await joined(live["session"], live["sender"])
    seat = await sender.action("take_seat", table=live["tables"][0].pk, round=live["rounds"][1].pk)
    assert seat["type"] == "ack", seat
    sent = await sender.action("send_to_table", round=live["rounds"][1].pk, text=text)
    assert sent["type"] == "ack", sent
    return sender, sent["result"]["contribution_id"]


async def test_a_contribution_reaches_only_that_tables_host_and_the_facilitators(cafe_live):
    live = cafe_live
    host, other_host = (
        await joined(live["session"], live["hosts"][0]),
        await joined(live["session"], live["hosts"][1]),
    )
    facilitator = await joined(live["session"], live["facilitator"])
    bystander = await joined(live["session"], live["other"])
    chair = await joined(live["session"], await _chair(live))
    sender, pending_id = await seated_and_sent(live)

    arrived = await host.receive_type("table_contribution")
    assert arrived["contribution"]["id"] == pending_id
    assert arrived["contribution"]["table"] == "Table 1"
    assert arrived["contribution"]["round"] == 2
    assert arrived["contribution"]["question"] == "What would help?"
    assert arrived["contribution"]["name"] == "Joan"
    assert (await facilitator.receive_type("table_contribution"))["contribution"]["id"] == pending_id
    for client in (other_host, bystander, chair, sender):
        assert not [m for m in await client.collect(0.3) if m["type"] == "table_contribution"]
    # Pending: stored, but not in the harvest yet.
    assert await sync_to_async(Contribution.objects.count)() == 0
    assert await sync_to_async(RemoteContribution.objects.filter(pk=pending_id, accepted_at=None).exists)()
    for client in (host, other_host, facilitator, bystander, chair, sender):
        await client.close()


@sync_to_async
def _chair(live):
    return live["session"].chairs.get()


async def test_accepting_stores_one_contribution_with_its_provenance_and_tells_the_sender(cafe_live):
    live = cafe_live
    host = await joined(live["session"], live["hosts"][0])
    sender, pending_id = await seated_and_sent(live)
    await host.receive_type("table_contribution")

    first = await host.action("accept_contribution", action_id="accept-1", contribution=pending_id)
    assert first["type"] == "ack" and first["result"]["already_accepted"] is False
    told = await sender.receive_type("contribution_accepted")
    assert (told["contribution_id"], told["table"], told["round"]) == (pending_id, "Table 1", 2)

    # The same action again (a retry) and a second press (a new id): still one contribution.
    retry = await host.action("accept_contribution", action_id="accept-1", contribution=pending_id)
    assert retry["type"] == "ack" and retry["duplicate"] is True
    again = await host.action("accept_contribution", contribution=pending_id)
    assert again["type"] == "ack" and again["result"]["already_accepted"] is True
    assert again["result"]["harvest_id"] == first["result"]["harvest_id"]

    @sync_to_async
    def stored():
        contribution = Contribution.objects.select_related("table", "round").get()
        pending = RemoteContribution.objects.get(pk=pending_id)
        return contribution, pending

    contribution, pending = await stored()
    assert contribution.source == ContributionSource.REMOTE
    assert (contribution.table, contribution.round) == (live["tables"][0], live["rounds"][1])
    assert contribution.question == "What would help?"
    assert contribution.text == "Could the Board meet in the evening sometimes?"
    assert contribution.sent_by_id == live["sender"].pk
    assert contribution.recorded_by_id == live["hosts"][0].pk
    assert contribution.sent_at == pending.sent_at and contribution.recorded_at is not None
    assert pending.accepted_as_id == contribution.pk
    await host.close()
    await sender.close()


async def test_another_host_or_a_member_cannot_accept(cafe_live):
    live = cafe_live
    sender, pending_id = await seated_and_sent(live)
    other_host = await joined(live["session"], live["hosts"][1])
    bystander = await joined(live["session"], live["other"])
    for client in (other_host, bystander, sender):
        refused = await client.action("accept_contribution", contribution=pending_id)
        assert (refused["type"], refused["code"]) == ("error", "forbidden")
        assert refused["message"] == "Only this table's host can accept what is sent to it."
    assert await sync_to_async(Contribution.objects.count)() == 0
    # Still connected: the next action is done.
    assert (await bystander.action("raise_hand"))["type"] == "ack"
    for client in (other_host, bystander, sender):
        await client.close()


async def test_tables_rounds_and_contributions_from_elsewhere_are_refused(cafe_live, make_member):
    live = cafe_live

    @sync_to_async
    def elsewhere():
        other_event = make_event(title="Another event", event_format=EventFormat.ONLINE)
        other_cafe = make_world_cafe(other_event, title="Another café", hosts=[live["hosts"][0]])
        other_session = make_live_session(other_event, make_member("otherchair@example.org"))
        return other_cafe.ordered_tables()[0], other_cafe.ordered_rounds()[0], other_session

    other_table, other_round, other_session = await elsewhere()
    sender = await joined(live["session"], live["sender"])
    table, cafe_round = live["tables"][0].pk, live["rounds"][0].pk
    cases = [
        (
            "take_seat",
            {"table": other_table.pk, "round": cafe_round},
            "That table is not at",
        ),
        ("take_seat", {"table": table, "round": other_round.pk}, "That round is not one"),
        ("take_seat", {"table": 10**9, "round": cafe_round}, "That table is not at"),
        ("send_to_table", {"round": cafe_round, "text": "No seat yet"}, "Take a seat"),
        ("accept_contribution", {"contribution": 10**9}, "That contribution was not sent in this session."),
    ]
    for action_type, fields, message in cases:
        reply = await sender.action(action_type, action_id=f"bad-{action_type}-{len(str(fields))}", **fields)
        assert reply["type"] == "error" and reply["code"] == "not_found", reply
        assert reply["message"].startswith(message)
    assert (await sender.action("take_seat", table=table, round=cafe_round))["type"] == "ack"

    @sync_to_async
    def pending_elsewhere():
        # A contribution sent in the other event's session, to its café's table.
        from events.models import RemoteContribution

        return RemoteContribution.objects.create(
            session=other_session,
            table=other_table,
            round=other_round,
            member=live["sender"],
            text="Elsewhere",
        ).pk

    foreign = await pending_elsewhere()
    host = await joined(live["session"], live["hosts"][0])  # hosts the other café's table too
    reply = await host.action("accept_contribution", contribution=foreign)
    assert (reply["type"], reply["code"]) == ("error", "not_found")
    assert await sync_to_async(Contribution.objects.count)() == 0
    await sender.close()
    await host.close()


@pytest.mark.parametrize(
    "text, code",
    [
        ("Evening meetings\x00please", "invalid_value"),
        ("Evening meetings \x1b[31m please", "invalid_value"),
        ("x" * 100_000, "too_large"),
        ("x" * 2001, "invalid_value"),
        ("   ", "invalid_value"),
    ],
    ids=["NUL", "escape", "100,000 characters", "2,001 characters", "blank"],
)
async def test_bad_text_is_refused_with_the_action_id_and_nothing_is_stored(cafe_live, text, code):
    live = cafe_live
    sender = await joined(live["session"], live["sender"])
    await sender.action("take_seat", table=live["tables"][0].pk, round=live["rounds"][0].pk)
    reply = await sender.action("send_to_table", action_id="bad-text", round=live["rounds"][0].pk, text=text)
    assert (reply["type"], reply["id"], reply["code"]) == ("error", "bad-text", code)
    assert await sync_to_async(RemoteContribution.objects.count)() == 0
    ok = await sender.action("send_to_table", round=live["rounds"][0].pk, text="Evening meetings, please.")
    assert ok["type"] == "ack"
    await sender.close()


async def test_a_member_in_person_cannot_take_a_remote_seat(cafe_live, make_member):
    live = cafe_live

    @sync_to_async
    def in_person():
        member = make_member("inperson@example.org")
        services.register(live["event"], member, {"attendance_mode": "in_person"})
        return member

    assert await LiveClient(live["session"], await in_person()).refused() == 4403


def test_a_form_post_to_the_engines_route_with_a_nul_is_refused_and_stores_nothing(cafe_live):
    """The engine's own form-post route also carries app actions: their text is checked too."""
    from django.test import Client

    from events.models import RemoteSeat

    live = cafe_live
    RemoteSeat.objects.create(member=live["sender"], table=live["tables"][0], round=live["rounds"][0])
    client = Client()
    client.force_login(live["sender"])
    response = client.post(
        live["event"].url_for("live_action", live["session"].pk),
        {
            "type": "send_to_table",
            "id": "post-1",
            "round": live["rounds"][0].pk,
            "text": "Evenings\x00please",
        },
    )
    assert response.status_code == 400
    assert "invisible control character" in response.content.decode()
    assert RemoteContribution.objects.count() == 0


def test_the_remote_seat_pages_work_as_form_posts(cafe_live):
    """Without JavaScript: take a seat, send, and the host accepts, each a plain form post."""
    from django.test import Client

    live = cafe_live
    member, host = Client(), Client()
    member.force_login(live["sender"])
    host.force_login(live["hosts"][0])
    cafe, table, first = live["cafe"], live["tables"][0], live["rounds"][0]
    response = member.post(cafe.url_for("remote_seat"), {"table": table.pk, "round": first.pk, "id": "seat1"})
    assert response.status_code == 302
    response = member.post(
        cafe.url_for("send_to_table"),
        {"send-round": first.pk, "send-text": "Evenings, please.", "id": "send1"},
    )
    assert response.status_code == 302
    pending = RemoteContribution.objects.get()
    page = host.get(cafe.url_for("remote_contributions")).content.decode()
    assert "Evenings, please." in page and "Accept into the harvest" in page
    for _ in range(2):  # a double click: the same action id, one contribution
        response = host.post(cafe.url_for("remote_contributions"), {"contribution": pending.pk, "id": "acc1"})
        assert response.status_code == 302
    assert Contribution.objects.get().source == ContributionSource.REMOTE
    assert "In the harvest" in member.get(cafe.url_for("remote_seat")).content.decode()
    # Another table's host cannot accept it, and does not see it.
    other = Client()
    other.force_login(live["hosts"][1])
    assert "Evenings, please." not in other.get(cafe.url_for("remote_contributions")).content.decode()
    response = other.post(cafe.url_for("remote_contributions"), {"contribution": pending.pk, "id": "acc2"})
    assert response.status_code == 403
    assert "Only this table&#x27;s host can accept what is sent to it." in response.content.decode()


def test_remote_seats_and_pending_contributions_are_in_my_data_and_go_with_the_account(cafe_live):
    import json

    from django.test import Client

    from coproduction.members.services import delete_account
    from events.models import RemoteSeat

    live = cafe_live
    sender, cafe_round = live["sender"], live["rounds"][0]
    RemoteSeat.objects.create(member=sender, table=live["tables"][0], round=cafe_round)
    sent = [
        RemoteContribution.objects.create(
            session=live["session"], table=live["tables"][0], round=cafe_round, member=sender, text=text
        )
        for text in ("Still waiting", "Already accepted")
    ]
    accepted = Contribution.objects.create(
        page=live["cafe"],
        table=live["tables"][0],
        round=cafe_round,
        question=cafe_round.question,
        text="Already accepted",
        source=ContributionSource.REMOTE,
        sent_by=sender,
        recorded_by=live["hosts"][0],
    )
    RemoteContribution.objects.filter(pk=sent[1].pk).update(
        accepted_as=accepted, accepted_at=accepted.recorded_at
    )
    client = Client()
    client.force_login(sender)

    data = json.loads(client.get("/account/my-data.json").content)["world_cafe_remote_seats"]
    assert data["seats"] == [{"world_cafe": live["cafe"].title, "table": "Table 1", "round": 1}]
    assert [(c["text"], c["accepted_into_the_harvest_at"] is None) for c in data["sent_to_tables"]] == [
        ("Still waiting", True),
        ("Already accepted", False),
    ]
    # Nobody else's download holds them.
    other = Client()
    other.force_login(live["other"])
    other_data = json.loads(other.get("/account/my-data.json").content)["world_cafe_remote_seats"]
    assert other_data == {"seats": [], "sent_to_tables": []}

    delete_account(sender)
    assert (RemoteSeat.objects.count(), RemoteContribution.objects.count()) == (0, 0)
    accepted.refresh_from_db()
    assert accepted.text == "Already accepted" and accepted.sent_by is None

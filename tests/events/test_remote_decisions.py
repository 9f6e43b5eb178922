"""What remote seats sent, decided by the table's host: declined with a reason (live, over a
real WebSocket, or by form post), and accepted or declined after the live session has ended,
so nothing sent is stranded. People sign in as their roles: a table's host (a member named on
the table), a facilitator (the Facilitators group), members."""

import json

import pytest
from asgiref.sync import sync_to_async
from django.test import Client

from events.models import (
    Contribution,
    ContributionSource,
    EventFormat,
    RemoteContribution,
    RemoteSeat,
)
from tests.events.factories import make_event, make_world_cafe
from tests.factories import make_live_session
from tests.live.helpers import LiveClient

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEXT = "Could the Board meet in the evening sometimes?"
REASON = "Table 3 said the same: it is in their part of the harvest."


def signed_in(member):
    client = Client()
    client.force_login(member)
    return client


def sent(live, text=TEXT, table=0, member="sender"):
    """What a member at a remote seat sent to a table in round 2, waiting for its host."""
    member = live[member]
    seat, _created = RemoteSeat.objects.update_or_create(
        member=member, round=live["rounds"][1], defaults={"table": live["tables"][table]}
    )
    return RemoteContribution.objects.create(
        session=live["session"], table=seat.table, round=seat.round, member=member, text=text
    )


def sent_elsewhere(live, make_member):
    """What the sender sent in another event's session, to a table of its café that the host of
    Table 1 here also hosts."""
    other_event = make_event(title="Another event", event_format=EventFormat.ONLINE)
    other_cafe = make_world_cafe(other_event, title="Another café", hosts=[live["hosts"][0]])
    return RemoteContribution.objects.create(
        session=make_live_session(other_event, make_member("otherchair@example.org")),
        table=other_cafe.ordered_tables()[0],
        round=other_cafe.ordered_rounds()[0],
        member=live["sender"],
        text="Elsewhere",
    )


def end(live):
    live["session"].state = "ended"
    live["session"].save(update_fields=["state"])


def decline(client, live, pending, reason="", action_id="dec1"):
    return client.post(
        live["cafe"].url_for("decline_contribution", pending.pk),
        {f"d{pending.pk}-reason": reason, "id": action_id},
    )


def accept(client, live, pending, action_id="acc1"):
    return client.post(
        live["cafe"].url_for("remote_contributions"), {"contribution": pending.pk, "id": action_id}
    )


# After the live session has ended ----------------------------------------------------------


def test_after_the_end_the_host_page_says_so_and_offers_what_is_waiting_without_live_controls(cafe_live):
    live = cafe_live
    waiting = sent(live)
    end(live)

    response = signed_in(live["hosts"][0]).get(live["cafe"].url_for("remote_contributions"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "The live session has ended." in page
    assert "Some of what was sent to Table 1 is still waiting." in page
    assert TEXT in page
    assert "Accept into the harvest" in page and ">Decline<" in page
    assert f'action="{live["cafe"].url_for("decline_contribution", waiting.pk)}"' in page
    # Nothing live: no rounds, no notes, and the page's script is not there to connect.
    for live_only in ("Start the round", "Send the note", "data-remote-seat", "remote-seat.js"):
        assert live_only not in page, live_only


def test_after_the_end_the_world_cafe_page_leads_hosts_and_senders_to_what_is_waiting(cafe_live):
    live = cafe_live
    sent(live, "First"), sent(live, "Second", member="other")
    end(live)
    url = live["cafe"].url_for("world_cafe")

    host = signed_in(live["hosts"][0]).get(url).content.decode()
    assert "The live session has ended." in host
    assert "2 contributions from remote seats are still waiting: accept or decline" in host
    member = signed_in(live["sender"]).get(url).content.decode()
    assert "See what became of what you sent to your table" in member
    assert "Take a remote seat</a>" not in member


def test_a_note_or_a_round_posted_from_a_page_loaded_before_the_end_is_refused_clearly(cafe_live):
    live = cafe_live
    end(live)
    cafe, table = live["cafe"], live["tables"][0]

    response = signed_in(live["hosts"][0]).post(
        cafe.url_for("post_table_note"), {"note-table": table.pk, "note-text": "Buses next", "id": "n1"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "This session has ended, so this can no longer be done." in page
    assert "Buses next</textarea>" in page
    response = signed_in(live["facilitator"]).post(
        cafe.url_for("run_round"), {"type": "start_round", "round": live["rounds"][0].pk, "id": "r1"}
    )
    assert response.status_code == 400
    assert "This session has ended, so this can no longer be done." in response.content.decode()
    assert "Start the round</button>" not in response.content.decode()


def test_a_facilitator_opens_the_ended_page_for_every_table(cafe_live):
    live = cafe_live
    sent(live, "From table one", table=0)
    sent(live, "From table three", table=2, member="other")
    end(live)

    page = signed_in(live["facilitator"]).get(live["cafe"].url_for("remote_contributions")).content.decode()

    assert "From table one" in page and "From table three" in page
    assert "Give more time" not in page and "Start the round" not in page


@pytest.mark.parametrize("role", ["host", "facilitator"])
def test_accepting_after_the_end_stores_it_once_with_the_provenance_of_a_live_accept(cafe_live, role):
    live = cafe_live
    pending = sent(live)
    end(live)
    decider = live["hosts"][0] if role == "host" else live["facilitator"]
    client = signed_in(decider)

    for action_id in ("acc1", "acc1", "acc2"):  # a double click, then a second press
        response = accept(client, live, pending, action_id)
        assert response.status_code == 302

    contribution = Contribution.objects.select_related("table", "round").get()
    pending.refresh_from_db()
    assert contribution.source == ContributionSource.REMOTE
    assert (contribution.page, contribution.table, contribution.round) == (
        live["cafe"],
        live["tables"][0],
        live["rounds"][1],
    )
    assert contribution.question == "What would help?"
    assert contribution.text == TEXT
    assert contribution.sent_by == live["sender"] and contribution.sent_at == pending.sent_at
    assert contribution.recorded_by == decider and contribution.recorded_at is not None
    assert pending.accepted_as == contribution and pending.accepted_at == contribution.recorded_at
    page = client.get(live["cafe"].url_for("remote_contributions")).content.decode()
    assert "That contribution was already in the harvest." in page
    assert "Nothing is waiting." in page
    # The sender sees it in the harvest on their seat page, which still opens.
    seat = signed_in(live["sender"]).get(live["cafe"].url_for("remote_seat")).content.decode()
    assert "has ended" in seat and "In the harvest" in seat


def test_declining_after_the_end_keeps_it_out_of_the_harvest_and_the_sender_sees_why(cafe_live):
    live = cafe_live
    pending = sent(live)
    end(live)
    host = signed_in(live["hosts"][0])

    response = decline(host, live, pending, f"  {REASON}  ")

    assert response.status_code == 302
    assert Contribution.objects.count() == 0
    pending.refresh_from_db()
    assert pending.declined_by == live["hosts"][0] and pending.declined_at is not None
    assert pending.decline_reason == REASON and pending.accepted_at is None
    page = host.get(response["Location"]).content.decode()
    assert "Declined: it is not added to the harvest." in page
    assert "Nothing is waiting." in page and f"Reason given: {REASON}" in page.replace("&#x27;", "'")

    seat = signed_in(live["sender"]).get(live["cafe"].url_for("remote_seat"))
    text = seat.content.decode()
    assert seat.status_code == 200
    assert "The live session, Board meeting, live, has ended." in text
    assert "Not added to the harvest" in text and f"The host said: {REASON}" in text
    # The seat page no longer offers seats or sending, and has nothing live.
    assert "Take this seat" not in text and "Send to my table" not in text and "remote-seat.js" not in text


def test_declining_without_a_reason_tells_the_sender_plainly(cafe_live):
    live = cafe_live
    pending = sent(live)
    end(live)

    assert decline(signed_in(live["facilitator"]), live, pending).status_code == 302

    pending.refresh_from_db()
    assert (pending.declined_by, pending.decline_reason) == (live["facilitator"], "")
    seat = signed_in(live["sender"]).get(live["cafe"].url_for("remote_seat")).content.decode()
    assert "Not added to the harvest" in seat and "The host said" not in seat


def test_declining_twice_keeps_the_first_decision_and_its_reason(cafe_live):
    live = cafe_live
    pending = sent(live)
    end(live)
    host = signed_in(live["hosts"][0])
    decline(host, live, pending, REASON, "dec1")
    first = RemoteContribution.objects.values("declined_at", "decline_reason").get(pk=pending.pk)

    response = decline(signed_in(live["facilitator"]), live, pending, "Another reason", "dec9")

    assert response.status_code == 302
    assert RemoteContribution.objects.values("declined_at", "decline_reason").get(pk=pending.pk) == first
    page = host.get(live["cafe"].url_for("remote_contributions")).content.decode()
    assert "Another reason" not in page


def test_accepting_what_was_declined_and_declining_what_was_accepted_are_refused_clearly(cafe_live):
    live = cafe_live
    declined, accepted = sent(live, "Declined one"), sent(live, "Accepted one")
    end(live)
    host = signed_in(live["hosts"][0])
    decline(host, live, declined, REASON)
    accept(host, live, accepted)

    refused = accept(host, live, declined, "acc-late")
    assert refused.status_code == 400
    assert (
        "That contribution was declined, so it cannot be accepted into the harvest."
        in refused.content.decode()
    )
    refused = decline(host, live, accepted, "Changed my mind", "dec-late")
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "That contribution is already in the harvest, so it cannot be declined." in page
    assert Contribution.objects.get().text == "Accepted one"
    assert RemoteContribution.objects.get(pk=accepted.pk).declined_at is None


# Who may --------------------------------------------------------------------------------


def test_members_and_other_tables_hosts_cannot_accept_or_decline(cafe_live):
    live = cafe_live
    pending = sent(live)
    end(live)

    for member in (live["sender"], live["other"]):
        client = signed_in(member)
        page = client.get(live["cafe"].url_for("remote_contributions"))
        assert page.status_code == 403 and TEXT not in page.content.decode()
        assert decline(client, live, pending, REASON).status_code == 403
        assert accept(client, live, pending).status_code == 403

    other_host = signed_in(live["hosts"][1])
    assert TEXT not in other_host.get(live["cafe"].url_for("remote_contributions")).content.decode()
    refused = decline(other_host, live, pending, REASON)
    assert refused.status_code == 403
    assert "Only this table&#x27;s host can decline what is sent to it." in refused.content.decode()
    refused = accept(other_host, live, pending)
    assert refused.status_code == 403
    assert "Only this table&#x27;s host can accept what is sent to it." in refused.content.decode()

    pending.refresh_from_db()
    assert pending.is_pending and Contribution.objects.count() == 0


def test_a_contribution_of_another_event_is_not_found_here(cafe_live, make_member):
    live = cafe_live
    foreign = sent_elsewhere(live, make_member)
    end(live)
    host = signed_in(live["hosts"][0])  # hosts a table of the other café too

    assert decline(host, live, foreign, REASON).status_code == 404
    refused = accept(host, live, foreign)
    assert "That contribution was not sent to a table of this World Café" in refused.content.decode()
    foreign.refresh_from_db()
    assert foreign.is_pending and Contribution.objects.count() == 0


def test_with_no_session_ended_or_open_there_is_still_no_host_page(make_member):
    host = make_member("host@example.org")
    cafe = make_world_cafe(make_event(event_format=EventFormat.HYBRID), hosts=[host])
    response = signed_in(host).get(cafe.url_for("remote_contributions"))
    assert response.status_code == 403
    assert "There is no live session for this World Café" in response.content.decode()


# Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reason, message",
    [
        ("Said\x00elsewhere", "Remove the invisible control character from “Why it is not added”."),
        ("Said \x1b[31m elsewhere", "Remove the invisible control character from “Why it is not added”."),
        ("Two\nlines", "Remove the invisible control character from “Why it is not added”."),
        ("x" * 301, "“Why it is not added” must be 300 characters or fewer. It has 301 characters."),
        ("x" * 100_000, "“Why it is not added” must be 300 characters or fewer. It has 100,000 characters."),
    ],
    ids=["NUL", "escape", "line break", "301 characters", "100,000 characters"],
)
def test_a_bad_reason_is_refused_in_the_error_summary_and_kept_as_typed(cafe_live, reason, message):
    live = cafe_live
    pending = sent(live)
    end(live)

    response = decline(signed_in(live["hosts"][0]), live, pending, reason)

    page = response.content.decode()
    assert response.status_code == 200
    start = page.index('<div class="error-summary"')
    summary = page[start : page.index("</div>", start)]
    assert message in summary.replace("&#x27;", "'")
    assert f'href="#id_d{pending.pk}-reason"' in summary
    assert f'id="id_d{pending.pk}-reason"' in page and 'aria-invalid="true"' in page
    if "\x00" not in reason:
        assert reason[:300] in page
    pending.refresh_from_db()
    assert pending.is_pending


def test_a_reason_with_a_nul_posted_to_the_engines_form_route_is_refused(cafe_live):
    """The engine's own form-post route carries app actions too: the reason is checked there."""
    live = cafe_live
    pending = sent(live)

    response = signed_in(live["hosts"][0]).post(
        live["event"].url_for("live_action", live["session"].pk),
        {"type": "decline_contribution", "id": "post-1", "contribution": pending.pk, "reason": "No\x00"},
    )

    assert response.status_code == 400
    assert "invisible control character" in response.content.decode()
    pending.refresh_from_db()
    assert pending.is_pending


# Live, over a real WebSocket ------------------------------------------------------------


async def joined(session, user):
    client = LiveClient(session, user)
    assert await client.connect()
    await client.receive_type("snapshot")
    return client


async def test_declining_live_reaches_the_sender_and_the_hosts_and_counts_once(cafe_live):
    live = cafe_live
    host = await joined(live["session"], live["hosts"][0])
    other_host = await joined(live["session"], live["hosts"][1])
    facilitator = await joined(live["session"], live["facilitator"])
    sender = await joined(live["session"], live["sender"])
    await sender.action("take_seat", table=live["tables"][0].pk, round=live["rounds"][1].pk)
    pending_id = (await sender.action("send_to_table", round=live["rounds"][1].pk, text=TEXT))["result"][
        "contribution_id"
    ]
    await host.receive_type("table_contribution")

    first = await host.action(
        "decline_contribution", action_id="decline-1", contribution=pending_id, reason=REASON
    )
    assert first["type"] == "ack" and first["result"] == {
        "contribution_id": pending_id,
        "already_declined": False,
    }
    for client in (sender, host, facilitator):
        told = await client.receive_type("contribution_declined")
        assert (told["contribution_id"], told["table"], told["round"], told["reason"]) == (
            pending_id,
            "Table 1",
            2,
            REASON,
        )
    assert not [m for m in await other_host.collect(0.3) if m["type"] == "contribution_declined"]

    # A retry of the same action, and a second press: still one decision, no second event.
    retry = await host.action(
        "decline_contribution", action_id="decline-1", contribution=pending_id, reason=REASON
    )
    assert retry["type"] == "ack" and retry["duplicate"] is True
    again = await facilitator.action("decline_contribution", contribution=pending_id, reason="Something else")
    assert again["type"] == "ack" and again["result"]["already_declined"] is True
    assert not [m for m in await sender.collect(0.3) if m["type"] == "contribution_declined"]
    # Declined is not in the harvest, and cannot be accepted now.
    refused = await host.action("accept_contribution", contribution=pending_id)
    assert (refused["type"], refused["code"]) == ("error", "wrong_state")
    assert refused["message"] == "That contribution was declined, so it cannot be accepted into the harvest."

    @sync_to_async
    def stored():
        return (
            Contribution.objects.count(),
            RemoteContribution.objects.values_list("declined_by", "decline_reason").get(pk=pending_id),
        )

    assert await stored() == (0, (live["hosts"][0].pk, REASON))
    for client in (host, other_host, facilitator, sender):
        await client.close()


async def test_declining_live_what_is_already_in_the_harvest_is_a_wrong_state(cafe_live):
    live = cafe_live
    pending = await sync_to_async(sent)(live)
    host = await joined(live["session"], live["hosts"][0])
    assert (await host.action("accept_contribution", contribution=pending.pk))["type"] == "ack"

    refused = await host.action("decline_contribution", contribution=pending.pk)

    assert (refused["type"], refused["code"]) == ("error", "wrong_state")
    assert refused["message"] == "That contribution is already in the harvest, so it cannot be declined."
    await host.close()


async def test_only_the_tables_host_or_a_facilitator_may_decline_live(cafe_live, make_member):
    live = cafe_live
    pending = await sync_to_async(sent)(live)
    foreign = (await sync_to_async(sent_elsewhere)(live, make_member)).pk
    clients = [await joined(live["session"], live[name]) for name in ("sender", "other")]
    clients.append(await joined(live["session"], live["hosts"][1]))
    for client in clients:
        refused = await client.action("decline_contribution", contribution=pending.pk)
        assert (refused["type"], refused["code"]) == ("error", "forbidden")
        assert refused["message"] == "Only this table's host can decline what is sent to it."
    host = await joined(live["session"], live["hosts"][0])
    refused = await host.action("decline_contribution", contribution=foreign)
    assert (refused["type"], refused["code"]) == ("error", "not_found")
    assert await sync_to_async(RemoteContribution.objects.filter(declined_at__isnull=False).count)() == 0
    # Still connected: the host's own table's contribution is declined next.
    assert (await host.action("decline_contribution", contribution=pending.pk))["type"] == "ack"
    for client in [*clients, host]:
        await client.close()


@pytest.mark.parametrize(
    "reason, code",
    [
        ("Said\x00elsewhere", "invalid_value"),
        ("Two\nlines", "invalid_value"),
        ("x" * 301, "invalid_value"),
        ("x" * 100_000, "too_large"),
        (42, "wrong_type"),
    ],
    ids=["NUL", "line break", "301 characters", "100,000 characters", "a number"],
)
async def test_a_bad_reason_over_the_websocket_is_refused_with_the_action_id(cafe_live, reason, code):
    live = cafe_live
    pending = await sync_to_async(sent)(live)
    host = await joined(live["session"], live["hosts"][0])

    reply = await host.action(
        "decline_contribution", action_id="bad-reason", contribution=pending.pk, reason=reason
    )

    assert (reply["type"], reply["id"], reply["code"]) == ("error", "bad-reason", code)
    assert await sync_to_async(RemoteContribution.objects.filter(declined_at__isnull=True).count)() == 1
    await host.close()


def test_during_the_session_the_host_page_offers_decline_beside_accept_as_form_posts(cafe_live):
    live = cafe_live
    pending = sent(live)
    host = signed_in(live["hosts"][0])

    page = host.get(live["cafe"].url_for("remote_contributions")).content.decode()
    assert "The live session has ended" not in page and "data-remote-seat" in page
    assert f'data-remote-action="decline_contribution" data-contribution="{pending.pk}"' in page

    assert decline(host, live, pending, REASON).status_code == 302
    seat = signed_in(live["sender"]).get(live["cafe"].url_for("remote_seat")).content.decode()
    assert "Not added to the harvest" in seat and f"The host said: {REASON}" in seat


# Personal data -----------------------------------------------------------------------------


def test_a_decline_and_its_reason_are_in_the_senders_data_and_go_with_their_account(cafe_live):
    from coproduction.members.services import delete_account

    live = cafe_live
    pending = sent(live)
    end(live)
    decline(signed_in(live["hosts"][0]), live, pending, REASON)

    data = json.loads(signed_in(live["sender"]).get("/account/my-data.json").content)
    (mine,) = data["world_cafe_remote_seats"]["sent_to_tables"]
    assert mine["text"] == TEXT and mine["reason_given_by_the_host"] == REASON
    assert mine["not_added_to_the_harvest_at"] is not None and mine["accepted_into_the_harvest_at"] is None
    # The host's download has their decision and reason, never the member's words.
    host_data = json.loads(signed_in(live["hosts"][0]).get("/account/my-data.json").content)
    (decided,) = host_data["world_cafe"]["remote_contributions_you_declined"]
    assert decided["reason_you_gave"] == REASON and decided["table"] == "Table 1"
    assert TEXT not in json.dumps(host_data)

    delete_account(live["sender"])
    assert not RemoteContribution.objects.filter(decline_reason=REASON).exists()


def test_a_host_who_deletes_their_account_is_no_longer_named_on_what_they_declined(cafe_live):
    from coproduction.members.services import delete_account

    live = cafe_live
    pending = sent(live)
    decline(signed_in(live["hosts"][0]), live, pending, REASON)

    delete_account(live["hosts"][0])

    pending.refresh_from_db()
    assert pending.declined_by is None and pending.declined_at is not None
    seat = signed_in(live["sender"]).get(live["cafe"].url_for("remote_seat")).content.decode()
    assert "Not added to the harvest" in seat

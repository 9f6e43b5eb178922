"""What a crowd costs: presence told a few times a second however many arrive, and a
snapshot that stays small however many captions there are."""

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async
from django.test import Client

from coproduction.live import services
from coproduction.live.consumers import PRESENCE_WINDOW
from coproduction.live.handlers import QUEUE_WINDOW
from coproduction.live.models import CaptionLine, RaisedHand
from coproduction.live.roles import role_for
from coproduction.live.snapshots import SNAPSHOT_CAPTIONS
from tests.factories import make_live_session
from tests.live.helpers import LiveClient, session_cookie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CROWD = 30
MESSAGE_LIMIT = 1024 * 1024  # daphne's --websocket-max-message-size, as coproduction.server runs it


@pytest.fixture
def crowd(host_page, chair, make_member):
    members = [make_member(f"crowd{n}@example.org", display_name=f"Crowd {n}") for n in range(CROWD)]
    session = make_live_session(host_page, chair)
    session.state = "live"
    session.save()
    return {"session": session, "chair": chair, "members": members}


async def arrive(session, user, cookie):
    """Connect and say hello; the messages up to the moment this member knows all are here."""
    client = LiveClient(session)
    client.communicator.scope["headers"].append((b"cookie", cookie.encode()))
    # Thirty at once wait their turn for the database: more than the usual second to connect.
    connected, _code = await client.communicator.connect(timeout=30)
    assert connected
    await client.send({"type": "hello", "last_seq": None})
    messages = [await client.receive_until(lambda m: m["type"] in ("snapshot", "presence"), timeout=30)]
    while messages[-1].get("present") != CROWD:
        messages.append(
            await client.receive_until(lambda m: m["type"] in ("snapshot", "presence"), timeout=30)
        )
    return client, messages


async def test_thirty_members_arriving_at_once_get_presence_a_few_times_a_second_not_once_per_arrival(crowd):
    session = crowd["session"]
    cookies = [await sync_to_async(session_cookie)(member) for member in crowd["members"]]
    loop = asyncio.get_running_loop()
    started = loop.time()
    arrived = await asyncio.gather(
        *(arrive(session, m, c) for m, c in zip(crowd["members"], cookies, strict=True))
    )
    seconds = loop.time() - started

    frames = [sum(1 for m in messages if m["type"] == "presence") for _client, messages in arrived]
    # Told once per arrival, the members would get 30 + 29 + ... + 1 = 465 presence frames
    # between them; coalesced, each gets at most one per window while people arrive, and the
    # last one (the count of all 30) at the end.
    most_each = int(seconds / PRESENCE_WINDOW) + 2
    assert max(frames) <= most_each, f"{max(frames)} presence frames to one member in {seconds:.1f} s"
    assert sum(frames) < CROWD * (CROWD + 1) // 2
    assert all(messages[-1]["present"] == CROWD for _client, messages in arrived)  # nobody left out of date

    # One leaves: everyone still there is told.
    leaving, _ = arrived[0]
    await leaving.close()
    for client, _ in arrived[1:]:
        await client.receive_until(
            lambda m: m["type"] == "presence" and m["present"] == CROWD - 1, timeout=10
        )
    for client, _ in arrived[1:]:
        await client.close()


async def raise_and_watch(client, number):
    """Raise a hand, then read until this member has its ack and a queue of every hand: the
    number of queue frames it got on the way, and that last queue."""
    await client.send({"type": "raise_hand", "id": f"hand{number}"})
    frames, acked, last = 0, False, None
    while not (acked and last is not None and len(last["hands"]) == CROWD):
        message = await client.receive(timeout=30)
        if message["type"] == "ack" and message["id"] == f"hand{number}":
            acked = True
        elif message["type"] == "queue":
            frames, last = frames + 1, message
    return frames, last["hands"]


async def test_thirty_hands_raised_at_once_are_told_a_few_times_a_second_not_once_per_hand(crowd):
    session = crowd["session"]
    cookies = [await sync_to_async(session_cookie)(member) for member in crowd["members"]]
    arrived = await asyncio.gather(
        *(arrive(session, m, c) for m, c in zip(crowd["members"], cookies, strict=True))
    )
    clients = [client for client, _messages in arrived]
    loop = asyncio.get_running_loop()
    started = loop.time()
    seen = await asyncio.gather(*(raise_and_watch(client, n) for n, client in enumerate(clients)))
    seconds = loop.time() - started
    frames = [count for count, _queue in seen]

    # Told once per hand, each member would get 30 queue frames, 900 between them; coalesced,
    # at most one per window while hands go up, and the last (all 30, in order) at the end.
    assert max(frames) < CROWD, f"{max(frames)} queue frames to one member for {CROWD} hands"
    assert max(frames) <= int(seconds / QUEUE_WINDOW.total_seconds()) + 2
    hands = await sync_to_async(list)(
        RaisedHand.objects.filter(session=session).order_by("raised_at", "pk").values_list("pk", flat=True)
    )
    assert len(hands) == CROWD  # none lost
    assert all(queue == hands for _frames, queue in seen)  # everyone ends with the whole queue, in order
    for client in clients:
        await client.close()


LONG_LINE = "Ffordd ddi-gam 🦻 ar gyfer pawb, é à ü. " * 50  # 2,000 characters, many outside ASCII


def add_long_captions(session, captioner, count=200):
    CaptionLine.objects.bulk_create(
        CaptionLine(session=session, captioner=captioner, text=f"{n:03d} {LONG_LINE}"[:2000])
        for n in range(count)
    )


def test_a_snapshot_of_200_long_multibyte_captions_stays_under_the_message_limit(crowd, make_member):
    session = crowd["session"]
    add_long_captions(session, crowd["chair"])
    member = crowd["members"][0]
    snapshot = services.snapshot(session.pk, role_for(session.pk, member))

    sent = json.dumps(snapshot)  # as the consumer sends it
    assert len(sent.encode()) < MESSAGE_LIMIT // 2
    captions = snapshot["captions"]
    assert 0 < len(captions) <= SNAPSHOT_CAPTIONS
    assert captions[-1]["text"].startswith("199 ")  # the newest, last, in order
    numbers = [int(line["text"][:3]) for line in captions]
    assert numbers == list(range(200 - len(captions), 200))
    assert snapshot["earlier_captions"] is True


def test_a_snapshot_of_short_captions_carries_the_last_fifty_and_says_there_are_earlier_ones(crowd):
    session = crowd["session"]
    CaptionLine.objects.bulk_create(
        CaptionLine(session=session, captioner=crowd["chair"], text=f"Line {n}.") for n in range(120)
    )
    snapshot = services.snapshot(session.pk, role_for(session.pk, crowd["members"][0]))
    assert [line["text"] for line in snapshot["captions"]] == [f"Line {n}." for n in range(70, 120)]
    assert snapshot["earlier_captions"] is True

    CaptionLine.objects.filter(session=session, pk__lt=snapshot["captions"][0]["id"]).delete()
    again = services.snapshot(session.pk, role_for(session.pk, crowd["members"][0]))
    assert again["earlier_captions"] is False


def test_the_live_page_links_to_every_caption_so_far_a_page_at_a_time(crowd, host_page):
    session = crowd["session"]
    CaptionLine.objects.bulk_create(
        CaptionLine(session=session, captioner=crowd["chair"], text=f"Spoken line {n}.") for n in range(450)
    )
    browser = Client()
    browser.force_login(crowd["members"][0])
    live_page = browser.get(f"{host_page.url}live/{session.pk}/").content.decode()
    record_url = f"{host_page.url}live/{session.pk}/record/"
    assert f'href="{record_url}#transcript-heading"' in live_page
    assert "Spoken line 449." in live_page and "Spoken line 300." not in live_page  # the latest only

    first = browser.get(record_url).content.decode()
    assert "Spoken line 0." in first and "Spoken line 199." in first and "Spoken line 200." not in first
    assert "Page 1 of 3" in first and 'href="?page=2"' in first
    last = browser.get(record_url + "?page=3").content.decode()
    assert "Spoken line 449." in last and "Spoken line 399." not in last
    assert 'href="?page=2"' in last
    # A page number from nowhere shows a page, not an error.
    assert browser.get(record_url + "?page=%00x").status_code == 200


def test_every_field_of_a_snapshot_is_named_in_the_protocol_doc(crowd):
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "live-protocol.md").read_text()
    row = next(line for line in doc.splitlines() if line.startswith("| `snapshot` |"))
    session = crowd["session"]
    CaptionLine.objects.create(session=session, captioner=crowd["chair"], text="Welcome, everyone.")
    for person in (crowd["members"][0], crowd["chair"]):
        snapshot = services.snapshot(session.pk, role_for(session.pk, person))
        missing = [field for field in snapshot if field != "type" and f"`{field}`" not in row]
        assert missing == [], f"fields of a snapshot the doc does not name: {missing}"
    assert "### Captions in a snapshot" in doc and f"last **{SNAPSHOT_CAPTIONS}**" in doc

"""Deleting an account and "download my data" for what consultations and live sessions hold."""

import json

import pytest
from asgiref.sync import sync_to_async
from wagtail.models import Page, Site

from consultations.models import FormatRequest
from coproduction.live.models import AccessSignal, CaptionLine, LiveEvent, RaisedHand, WrittenQuestion
from home.models import HomePage
from tests.factories import make_consultation, make_live_session, signed_in
from tests.live.helpers import LiveClient

PASSWORD = "correct horse battery"
NAME = "Zanele Quist"
NOTE = "I stammer when I am anxious, please be patient"
QUESTION = "Why are the minutes never sent in large print to Ashdown Lane?"


def make_home_page():
    """The site's home page, which consultations live under (the demo content is not needed)."""
    root = Page.get_first_root_node()
    home = HomePage(title="Castlebridge CIL", slug="castlebridge-cil")
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "root_page": home, "port": 80}
    )
    return home


@pytest.fixture
def live_session(make_member):
    make_home_page()
    page = make_consultation()
    chair = make_member("chair@example.org", display_name="Cllr Osei")
    captioner = make_member("captioner@example.org", display_name="Ruth")
    return make_live_session(page, chair, captioner, started=True)


def delete_account(user, password=PASSWORD):
    client = signed_in(user)
    response = client.post("/account/delete/", {"password": password, "confirm": "on"})
    assert response.status_code == 302, response.content.decode()[:1000]


async def everything_the_chair_receives(session, chair, last_seq):
    """Every message a chair's new connection gets, up to `synced` (or the snapshot)."""
    client = LiveClient(session, chair)
    assert await client.connect(last_seq=last_seq)
    received = []
    while True:
        message = await client.receive()
        received.append(message)
        if message["type"] in ("synced", "snapshot"):
            break
    await client.close()
    return json.dumps(received, ensure_ascii=False)


async def take_part(session, member, chair):
    """The member raises a hand with a note, writes a question and signals; the chair publishes it."""
    client = LiveClient(session, member)
    assert await client.connect()
    await client.receive_type("snapshot")
    assert (await client.action("raise_hand", note=NOTE))["type"] == "ack"
    asked = await client.action("ask_question", text=QUESTION)
    assert (await client.action("signal", kind="slow_down"))["type"] == "ack"
    await client.close()
    chair_client = LiveClient(session, chair)
    assert await chair_client.connect()
    await chair_client.receive_type("snapshot")
    question_id = asked["result"]["question_id"]
    marked = await chair_client.action(
        "mark_question", question_id=question_id, status="read_out", publish=True
    )
    assert marked["type"] == "ack"
    await chair_client.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_deleted_member_is_not_in_anything_a_chair_replays_from_the_start(live_session, make_member):
    member = await sync_to_async(make_member)("zanele@example.org", password=PASSWORD, display_name=NAME)
    chair = await sync_to_async(lambda: live_session.chairs.get())()
    await take_part(live_session, member, chair)
    before = await everything_the_chair_receives(live_session, chair, last_seq=0)
    assert NAME in before and NOTE in before and QUESTION in before

    await sync_to_async(delete_account)(member)

    replayed = await everything_the_chair_receives(live_session, chair, last_seq=0)
    found = [text for text in (NAME, NOTE, QUESTION) if text in replayed]
    assert found == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_deleted_member_is_not_in_the_chairs_snapshot(live_session, make_member):
    member = await sync_to_async(make_member)("zanele@example.org", password=PASSWORD, display_name=NAME)
    chair = await sync_to_async(lambda: live_session.chairs.get())()
    await take_part(live_session, member, chair)

    await sync_to_async(delete_account)(member)

    snapshot = await everything_the_chair_receives(live_session, chair, last_seq=None)
    found = [text for text in (NAME, NOTE, QUESTION) if text in snapshot]
    assert found == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_chair_watching_sees_the_hand_of_a_member_who_deletes_their_account_go(
    live_session, make_member
):
    member = await sync_to_async(make_member)("zanele@example.org", password=PASSWORD, display_name=NAME)
    chair = await sync_to_async(lambda: live_session.chairs.get())()
    hand_raiser = LiveClient(live_session, member)
    assert await hand_raiser.connect()
    await hand_raiser.receive_type("snapshot")
    await hand_raiser.action("raise_hand", note=NOTE)
    await hand_raiser.close()
    watching = LiveClient(live_session, chair)
    assert await watching.connect()
    snapshot = await watching.receive_type("snapshot")
    assert [h["name"] for h in snapshot["chair_queue"]] == [NAME]

    await sync_to_async(delete_account)(member)

    queue = await watching.receive_type("chair_queue")
    assert queue["hands"] == []
    await watching.close()


@pytest.mark.django_db
def test_deleting_an_account_removes_its_live_session_rows(live_session, make_member):
    member = make_member("zanele@example.org", password=PASSWORD, display_name=NAME)
    RaisedHand.objects.create(session=live_session, member=member, note=NOTE)
    WrittenQuestion.objects.create(session=live_session, member=member, text=QUESTION, publish=True)
    AccessSignal.objects.create(session=live_session, member=member, kind="break")
    live_session.invited.add(member)

    delete_account(member)

    remaining = {
        "hands": RaisedHand.objects.filter(note=NOTE).count(),
        "questions": WrittenQuestion.objects.filter(text=QUESTION).count(),
        "signals": AccessSignal.objects.count(),
        "invited": live_session.invited.count(),
    }
    assert remaining == {"hands": 0, "questions": 0, "signals": 0, "invited": 0}


@pytest.mark.django_db
def test_a_published_question_leaves_the_session_record_with_its_writer(live_session, make_member):
    member = make_member("zanele@example.org", password=PASSWORD, display_name=NAME)
    WrittenQuestion.objects.create(session=live_session, member=member, text=QUESTION, publish=True)
    live_session.state = "ended"
    live_session.save()
    chair = signed_in(live_session.chairs.get())
    record_url = f"{live_session.host.specific.url}live/{live_session.pk}/record/"
    assert QUESTION in chair.get(record_url).content.decode()

    delete_account(member)

    assert QUESTION not in chair.get(record_url).content.decode()


@pytest.mark.django_db
def test_captions_a_deleted_captioner_typed_stay_without_them(live_session):
    captioner = live_session.captioners.get()
    CaptionLine.objects.create(session=live_session, captioner=captioner, text="The meeting opens.")

    delete_account(captioner)

    assert list(CaptionLine.objects.values_list("text", "captioner")) == [("The meeting opens.", None)]


@pytest.mark.django_db
def test_deleting_an_account_removes_format_requests_made_with_its_email(live_session, make_member):
    member = make_member("zanele@example.org", password=PASSWORD, display_name=NAME)
    page = live_session.host.specific
    FormatRequest.objects.create(page=page, name=NAME, email="Zanele@Example.org", format="braille")
    FormatRequest.objects.create(page=page, name="Grace", email="grace@example.org", format="audio")

    delete_account(member)

    assert list(FormatRequest.objects.values_list("name", flat=True)) == ["Grace"]


# Download my data ---------------------------------------------------------------------


@pytest.fixture
def two_members_in_a_session(live_session, make_member):
    """Zanele and Declan each raised a hand, wrote a question, signalled and asked for a format."""
    people = {}
    for email, name, words in [
        ("zanele@example.org", NAME, "Zanele"),
        ("declan@example.org", "Declan Mbeki", "Declan"),
    ]:
        member = make_member(email, password=PASSWORD, display_name=name)
        RaisedHand.objects.create(session=live_session, member=member, note=f"Hand note from {words}")
        WrittenQuestion.objects.create(session=live_session, member=member, text=f"Question from {words}")
        AccessSignal.objects.create(
            session=live_session, member=member, kind="cant_hear" if words == "Zanele" else "break"
        )
        FormatRequest.objects.create(
            page=live_session.host.specific,
            name=name,
            email=email,
            format="braille",
            details=f"Format for {words}",
        )
        LiveEvent.objects.create(
            session=live_session,
            seq=1000 + len(people),
            type="floor",
            payload={"hand_id": 1},
            audience="person",
            person=member,
        )
        people[words] = member
    return people


def download(user):
    return signed_in(user).get("/account/my-data.json")


@pytest.mark.django_db
def test_my_data_holds_my_hand_notes_questions_signals_and_format_requests(two_members_in_a_session):
    data = json.loads(download(two_members_in_a_session["Zanele"]).content)
    found = {
        "hand note": [h["note"] for h in data["live_sessions"]["raised_hands"]],
        "question": [q["text"] for q in data["live_sessions"]["written_questions"]],
        "signal": [s["signal"] for s in data["live_sessions"]["access_signals"]],
        "format request": [r["details"] for r in data["format_requests"]],
    }
    assert found == {
        "hand note": ["Hand note from Zanele"],
        "question": ["Question from Zanele"],
        "signal": ["cant_hear"],
        "format request": ["Format for Zanele"],
    }


@pytest.mark.django_db
def test_my_data_holds_nothing_of_another_member(two_members_in_a_session):
    text = download(two_members_in_a_session["Zanele"]).content.decode()
    assert [word for word in ("Declan", "declan@example.org", "break") if word in text] == []


@pytest.mark.django_db
def test_my_data_download_is_never_cached(two_members_in_a_session):
    assert download(two_members_in_a_session["Zanele"])["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_my_data_names_the_sessions_i_chair_and_caption(live_session):
    captioner = live_session.captioners.get()
    data = json.loads(download(captioner).content)
    assert data["live_sessions"]["sessions_you_caption"] == [live_session.title]

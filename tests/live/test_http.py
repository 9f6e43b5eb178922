"""Live sessions without WebSockets: pages render the state, and every action is a form post
that reaches WebSocket clients too."""

import pytest
from django.test import Client

from coproduction.live import services
from coproduction.live.models import (
    AccessSignal,
    CaptionLine,
    HandState,
    LiveEvent,
    RaisedHand,
    WhoMayJoin,
    WrittenQuestion,
)
from tests.factories import make_live_session, signed_in
from tests.live.helpers import LiveClient, both_hosts

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def live(host_page, chair, captioner, make_member):
    member = make_member("amina@example.org", display_name="Amina")
    session = make_live_session(host_page, chair, captioner)
    return {"page": host_page, "session": session, "chair": chair, "captioner": captioner, "member": member}


def post(client, live, action_type, action_id, **fields):
    url = f"{live['page'].url}live/{live['session'].pk}/action/"
    return client.post(url, {"type": action_type, "id": action_id, **fields}, follow=True)


@both_hosts
def test_member_page_works_as_plain_html(live):
    html = signed_in(live["member"]).get(f"{live['page'].url}live/{live['session'].pk}/").content.decode()
    assert "Not started yet. It is planned for" in html
    for form in ("raise_hand", "ask_question", "signal"):
        assert f'name="type" value="{form}"' in html
    assert f'href="{live["page"].url}live/{live["session"].pk}/">Refresh this page</a>' in html
    assert "chair_queue" not in html and "Give the floor" not in html


@both_hosts
def test_signed_out_and_uninvited_people_cannot_open_the_page(live, make_member):
    url = f"{live['page'].url}live/{live['session'].pk}/"
    assert Client().get(url).status_code == 302
    live["session"].who_may_join = WhoMayJoin.INVITED
    live["session"].save()
    assert signed_in(live["member"]).get(url).status_code == 403


@both_hosts
def test_every_member_action_works_as_a_form_post(live):
    member = signed_in(live["member"])
    chair = signed_in(live["chair"])
    assert "The session is live." in post(chair, live, "start", "c1", **{"from": "chair"}).content.decode()
    html = post(member, live, "raise_hand", "m1", note="I will type my point").content.decode()
    assert "Your hand is raised." in html and "You are number 1 of 1 waiting." in html
    assert (
        "Your question has been sent"
        in post(member, live, "ask_question", "m2", text="Loop?").content.decode()
    )
    assert "The chair has been told." in post(member, live, "signal", "m3", kind="slow_down").content.decode()
    html = post(member, live, "lower_hand", "m4").content.decode()
    assert "Your hand is down." in html
    assert WrittenQuestion.objects.get().text == "Loop?"
    assert AccessSignal.objects.get().kind == "slow_down"
    assert RaisedHand.objects.get().state == HandState.LOWERED


@both_hosts
def test_every_chair_action_works_as_a_form_post(live):
    chair = signed_in(live["chair"])
    member = signed_in(live["member"])
    session = live["session"]
    chair_from = {"from": "chair"}
    post(chair, live, "start", "c1", **chair_from)
    post(member, live, "raise_hand", "m1")
    post(member, live, "ask_question", "m2", text="When do papers go out?")
    hand = RaisedHand.objects.get()
    question = WrittenQuestion.objects.get()
    second_item = session.ordered_agenda()[1]
    steps = [
        ("give_floor", {"hand_id": hand.pk}, "You gave the floor."),
        ("lower_hand_for", {"hand_id": hand.pk}, "The hand is lowered."),
        ("clear_hands", {}, "All hands are lowered."),
        ("set_agenda", {"item_id": second_item.pk}, "The agenda item has changed."),
        (
            "mark_question",
            {"question_id": question.pk, "status": "answered", "publish": "on"},
            "The question is marked.",
        ),
        ("reset_signals", {"kind": "slow_down"}, "The signal counts are reset."),
        ("announce", {"text": "Back in 10 minutes"}, "Your announcement has been sent."),
        ("pause", {}, "The session is on a break."),
        ("start", {}, "The session is live."),
        ("end", {}, "The session has ended."),
    ]
    for n, (action, fields, confirmation) in enumerate(steps):
        response = post(chair, live, action, f"chair-{n}", **chair_from, **fields)
        assert confirmation in response.content.decode(), action
        assert response.redirect_chain[-1][0].endswith("/chair/")
    question.refresh_from_db()
    assert (question.status, question.publish) == ("answered", True)
    session.refresh_from_db()
    assert session.state == "ended" and session.current_item == second_item


def test_captioner_sends_captions_by_form_post(live):
    chair = signed_in(live["chair"])
    post(chair, live, "start", "c1")
    html = post(signed_in(live["captioner"]), live, "caption", "cap1", text="Good evening.").content.decode()
    assert "Caption sent." in html
    assert CaptionLine.objects.get().text == "Good evening."


@both_hosts
def test_members_cannot_do_chair_actions_by_form_post(live):
    member = signed_in(live["member"])
    html = post(member, live, "start", "x1").content.decode()
    assert "Only the chair can do this." in html
    assert not LiveEvent.objects.exists()
    assert (
        signed_in(live["member"]).get(f"{live['page'].url}live/{live['session'].pk}/chair/").status_code
        == 403
    )


def test_a_double_submitted_form_counts_once(live):
    chair = signed_in(live["chair"])
    post(chair, live, "start", "c1")
    member = signed_in(live["member"])
    post(member, live, "ask_question", "same-form", text="Is there parking?")
    post(member, live, "ask_question", "same-form", text="Is there parking?")
    assert WrittenQuestion.objects.count() == 1


def test_bad_form_input_gets_a_clear_message(live):
    member = signed_in(live["member"])
    assert (
        "Enter your question or comment"
        in post(member, live, "ask_question", "q1", text="  ").content.decode()
    )
    assert (
        "That is not a valid choice."
        in post(signed_in(live["chair"]), live, "give_floor", "f1", hand_id="abc").content.decode()
    )


def test_forms_need_a_csrf_token(live):
    client = Client(enforce_csrf_checks=True)
    client.force_login(live["member"])
    url = f"{live['page'].url}live/{live['session'].pk}/action/"
    assert client.post(url, {"type": "raise_hand", "id": "x"}).status_code == 403


def test_member_text_is_shown_as_text_never_html(live):
    chair = signed_in(live["chair"])
    post(chair, live, "start", "c1")
    post(signed_in(live["member"]), live, "ask_question", "q1", text="<script>alert(1)</script>")
    html = chair.get(f"{live['page'].url}live/{live['session'].pk}/chair/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@both_hosts
async def test_form_posts_reach_websocket_clients(live):
    from asgiref.sync import sync_to_async

    watcher = LiveClient(live["session"], live["chair"])
    assert await watcher.connect()
    await watcher.receive_type("snapshot")
    member = await sync_to_async(signed_in)(live["member"])
    await sync_to_async(post)(member, live, "ask_question", "q1", text="Sent without JavaScript")
    received = await watcher.receive_type("question_received")
    assert received["question"]["text"] == "Sent without JavaScript"
    await watcher.close()


@both_hosts
def test_session_record_shows_agenda_transcript_published_questions_and_decisions(live):
    chair = signed_in(live["chair"])
    member = signed_in(live["member"])
    post(chair, live, "start", "c1")
    post(signed_in(live["captioner"]), live, "caption", "cap1", text="The Board agreed to hybrid meetings.")
    post(member, live, "ask_question", "q1", text="Publish me")
    post(member, live, "ask_question", "q2", text="Keep me private")
    published = WrittenQuestion.objects.get(text="Publish me")
    post(chair, live, "mark_question", "m1", question_id=published.pk, status="answered", publish="on")
    post(chair, live, "end", "e1")
    live["session"].refresh_from_db()  # ended since it was loaded
    live["session"].decisions = "Meetings will be hybrid from April."
    live["session"].save()
    html = Client().get(f"{live['page'].url}live/{live['session'].pk}/record/").content.decode()
    for expected in [
        "Welcome",
        "Next steps",
        "The Board agreed to hybrid meetings.",
        "Publish me",
        "Meetings will be hybrid from April.",
    ]:
        assert expected in html
    assert "Keep me private" not in html


@both_hosts
def test_transcript_download_has_times(live):
    chair = signed_in(live["chair"])
    post(chair, live, "start", "c1")
    post(signed_in(live["captioner"]), live, "caption", "cap1", text="Welcome, everyone.")
    response = signed_in(live["member"]).get(f"{live['page'].url}live/{live['session'].pk}/transcript/")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "] Welcome, everyone." in response.content.decode()


def test_a_flood_of_form_posts_is_refused_with_a_message(live):
    post(signed_in(live["chair"]), live, "start", "c1")
    member = signed_in(live["member"])
    accepted = 0
    # 60 a minute: well before the 121st post in a row, one is refused.
    for n in range(121):
        html = post(member, live, "ask_question", f"flood-{n}", text=f"Question {n}").content.decode()
        if "Too many actions at once. Wait a moment and try again." in html:
            break
        accepted += 1
    else:
        pytest.fail("121 form posts in a row were all accepted")
    assert accepted >= 60
    assert WrittenQuestion.objects.count() == accepted  # the refused post changed nothing


def test_names_of_who_is_here_show_only_where_the_session_shows_them(live):
    services.join(live["session"].pk, live["chair"].pk, "a-connection-of-the-chairs")
    url = f"{live['page'].url}live/{live['session'].pk}/"
    html = signed_in(live["member"]).get(url).content.decode()
    assert "1 person is here." in html and "Cllr Osei" not in html
    live["session"].show_names = True
    live["session"].save()
    html = signed_in(live["member"]).get(url).content.decode()
    assert "(Cllr Osei)" in html

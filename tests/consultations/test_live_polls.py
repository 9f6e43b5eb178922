"""Live polls over a real WebSocket: the chair runs a poll, members vote, results are coalesced."""

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.utils import timezone

from consultations.models import Answer, LivePoll, Question
from consultations.services import question_results
from tests.factories import make_consultation, make_live_session
from tests.live.helpers import joined

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def poll_session(make_member):
    """A live session on an open consultation, started, with a chair and three members."""
    page = make_consultation()
    chair = make_member("chair@example.org", display_name="Cllr Osei")
    members = [make_member(f"m{n}@example.org", display_name=f"Member {n}") for n in range(1, 4)]
    session = make_live_session(page, chair, state="live")
    questions = page.ordered_questions()
    return {"session": session, "page": page, "chair": chair, "members": members, "questions": questions}


@pytest.fixture
async def chair_and_member(poll_session, join):
    """The chair and the first member, joined to the session."""
    chair = await join(poll_session["session"], poll_session["chair"])
    return chair, await join(poll_session["session"], poll_session["members"][0])


def option_values(poll_message):
    return {option["label"]: option["value"] for option in poll_message["poll"]["options"]}


@sync_to_async
def counted(page, question):
    result = next(r for r in question_results(page) if r.question.pk == question.pk)
    return result.answered, result.live_votes, dict((label, count) for label, count, _p in result.rows)


async def open_single_poll(chair, data, *members):
    """The chair opens the single choice question as a poll; `members` wait until it reaches them."""
    question = data["questions"][0]  # single choice: Town Hall, Online, Both
    ack = await chair.action("open_poll", question_id=question.pk)
    assert ack["type"] == "ack", ack
    poll = await chair.receive_type("poll")
    for member in members:
        await member.receive_type("poll")
    return ack["result"]["poll_id"], option_values(poll), question


async def test_vote_counts_as_an_answer_and_changing_it_replaces_it(poll_session, chair_and_member):
    data = poll_session
    chair, member = chair_and_member
    poll_id, options, question = await open_single_poll(chair, data)
    opened = await member.receive_type("poll")
    assert opened["poll"]["text"] == question.text and opened["poll"]["state"] == "open"
    assert opened["message"].startswith("A poll has opened")

    ack = await member.action("vote", poll_id=poll_id, answer=options["Online"])
    assert ack["type"] == "ack", ack
    ack = await member.action("vote", poll_id=poll_id, answer=options["Both"])
    assert ack["type"] == "ack", ack

    assert await counted(data["page"], question) == (1, 1, {"Town Hall": 0, "Online": 0, "Both": 1})
    current = await sync_to_async(Answer.objects.filter(question=question, is_current=True).count)()
    assert current == 1


async def test_a_member_coming_back_gets_the_poll_its_state_their_vote_and_shown_results(
    poll_session, chair_and_member, join
):
    data = poll_session
    chair, member = chair_and_member
    poll_id, options, question = await open_single_poll(chair, data, member)
    assert (await member.action("vote", poll_id=poll_id, answer=options["Online"]))["type"] == "ack"
    await member.close()

    # Away for a moment: the chair pauses the poll; the counts are not shown to members yet.
    assert (await chair.action("pause_poll", poll_id=poll_id))["type"] == "ack"
    member = await join(data["session"], data["members"][0])
    snapshot = member.snapshot
    assert snapshot["poll"]["id"] == poll_id and snapshot["poll"]["text"] == question.text
    assert snapshot["poll"]["state"] == "paused"
    assert snapshot["my_vote"] == [options["Online"]]
    assert "poll_results" not in snapshot
    # Someone who has not voted gets the poll and no vote of anyone else's.
    other_snapshot = (await join(data["session"], data["members"][1])).snapshot
    assert other_snapshot["poll"]["id"] == poll_id and other_snapshot["my_vote"] == []
    # The chair coming back gets the counts.
    chair_snapshot = (await join(data["session"], data["chair"])).snapshot
    assert chair_snapshot["poll_results"]["answered"] == 1

    await member.close()
    await chair.action("resume_poll", poll_id=poll_id)
    await chair.action("show_poll_results", poll_id=poll_id, shown=True)
    snapshot = (await join(data["session"], data["members"][0])).snapshot
    assert snapshot["poll"]["state"] == "open" and snapshot["poll"]["results_shown"] is True
    assert "1 of 1 chose \u201cOnline\u201d" in [row["text"] for row in snapshot["poll_results"]["rows"]]


async def test_a_session_without_a_poll_says_so_in_its_snapshot(poll_session, join):
    snapshot = (await join(poll_session["session"], poll_session["members"][0])).snapshot
    assert snapshot["poll"] is None


async def test_chair_sees_results_and_members_only_when_shown(poll_session, chair_and_member):
    data = poll_session
    chair, member = chair_and_member
    poll_id, options, _question = await open_single_poll(chair, data, member)
    await member.action("vote", poll_id=poll_id, answer=options["Online"])
    results = await chair.receive_until(
        lambda m: m["type"] == "chair_poll_results" and m["results"]["answered"] == 1
    )
    assert "1 of 1 chose \u201cOnline\u201d" in [row["text"] for row in results["results"]["rows"]]
    assert results["results"]["present"] == 2
    # Members were sent no counts: the chair has not chosen to show them.
    assert not [m for m in await member.collect(0.7) if "results" in m]

    await chair.action("show_poll_results", poll_id=poll_id, shown=True)
    shown = await member.receive_type("poll_results")
    assert shown["results"]["answered"] == 1


async def test_a_burst_of_fifty_votes_reaches_members_as_a_few_results_updates(
    poll_session, make_member, chair_and_member, join
):
    data = poll_session
    voters = await sync_to_async(lambda: [make_member(f"voter{n}@example.org") for n in range(50)])()
    chair, watcher = chair_and_member
    poll_id, options, question = await open_single_poll(chair, data)
    await chair.action("show_poll_results", poll_id=poll_id, shown=True)
    await watcher.receive_until(lambda m: m["type"] == "poll_results")

    clients = [await join(data["session"], voter) for voter in voters]
    before = await sync_to_async(lambda: data["session"].events.order_by("-seq").first().seq)()
    for n, client in enumerate(clients):
        await client.send(
            {"type": "vote", "id": f"burst-{n}", "poll_id": poll_id, "answer": options["Online"]}
        )
    # The votes queue up behind one another on the server: wait for all of them, however long.
    acks = [
        await client.receive_until(lambda m, n=n: m.get("id") == f"burst-{n}", timeout=60)
        for n, client in enumerate(clients)
    ]
    assert [a["type"] for a in acks] == ["ack"] * 50
    seen = []
    while not seen or seen[-1]["results"]["answered"] < 50:
        seen.append(await watcher.receive_until(lambda m: m["type"] == "poll_results", timeout=60))
    seen += [m for m in await watcher.collect(0.8) if m["type"] == "poll_results"]

    # Each update logged at least half a second after the one before, so at most two a second
    # whatever the number of votes; the watcher got each once, in order, and the last has the
    # final counts.
    logged = await sync_to_async(
        lambda: list(data["session"].events.filter(type="poll_results", seq__gt=before).order_by("seq"))
    )()
    assert [m["seq"] for m in seen] == [event.seq for event in logged]
    gaps = [(b.created_at - a.created_at).total_seconds() for a, b in zip(logged, logged[1:], strict=False)]
    assert all(gap >= 0.45 for gap in gaps), gaps
    span = (logged[-1].created_at - logged[0].created_at).total_seconds()
    assert len(seen) <= 2 * span + 1
    rows = {row["label"]: row["count"] for row in seen[-1]["results"]["rows"]}
    assert rows == {"Town Hall": 0, "Online": 50, "Both": 0}
    assert await counted(data["page"], question) == (50, 50, {"Town Hall": 0, "Online": 50, "Both": 0})


async def test_pause_refuses_votes_more_time_tells_members_and_resume_takes_them(
    poll_session, chair_and_member
):
    data = poll_session
    chair, member = chair_and_member
    poll_id, options, question = await open_single_poll(chair, data)

    assert (await chair.action("pause_poll", poll_id=poll_id))["type"] == "ack"
    paused = await member.receive_until(lambda m: m["type"] == "poll" and m["poll"]["state"] == "paused")
    assert paused["poll"]["state"] == "paused" and "paused for a break" in paused["message"]
    refused = await member.action("vote", poll_id=poll_id, answer=options["Online"])
    assert refused["code"] == "wrong_state" and "paused for a break" in refused["message"]
    assert await counted(data["page"], question) == (0, 0, {"Town Hall": 0, "Online": 0, "Both": 0})

    assert (await chair.action("give_more_time", poll_id=poll_id))["type"] == "ack"
    more = await member.receive_until(lambda m: m["type"] == "poll" and m["poll"]["more_time"])
    assert more["poll"]["more_time"] == 1 and "more time to vote" in more["message"]

    assert (await chair.action("resume_poll", poll_id=poll_id))["type"] == "ack"
    await member.receive_until(
        lambda m: m["type"] == "poll" and m["message"].startswith("The poll is open again")
    )
    assert (await member.action("vote", poll_id=poll_id, answer=options["Online"]))["type"] == "ack"
    # The member's socket stayed connected through the refusal.
    assert await counted(data["page"], question) == (1, 1, {"Town Hall": 0, "Online": 1, "Both": 0})


async def test_close_publishes_results_and_a_vote_afterwards_counts_the_same(poll_session, chair_and_member):
    data = poll_session
    chair, member = chair_and_member
    poll_id, options, question = await open_single_poll(chair, data)
    await member.action("vote", poll_id=poll_id, answer=options["Online"])

    assert (await chair.action("close_poll", poll_id=poll_id, publish=True))["type"] == "ack"
    closed = await member.receive_until(lambda m: m["type"] == "poll" and m["poll"]["state"] == "closed")
    assert (
        closed["poll"]["state"] == "closed" and "still answer on the consultation page" in closed["message"]
    )
    published = await member.receive_until(lambda m: m["type"] == "poll_results")
    assert published["results"]["answered"] == 1
    late = await member.action("vote", poll_id=poll_id, answer=options["Both"])
    assert late["code"] == "wrong_state" and "closed" in late["message"]
    await member.close()
    await chair.close()

    # A member who was not there answers afterwards, on the consultation page.
    @sync_to_async
    def answer_afterwards():
        client = Client()
        client.force_login(data["members"][1])
        page = data["page"]
        response = client.post(page.url_for("answer_question", 1), {"answer": options["Online"]})
        assert response.status_code == 302
        from tests.factories import valid_answers

        for number, answer in valid_answers(page).items():
            if number > 1:
                client.post(page.url_for("answer_question", number), answer)
        client.post(page.url_for("check_answers"), {"publish_consent": "on"})
        staff = Client()
        staff.force_login(data["chair"])
        return client

    await answer_afterwards()
    assert await counted(data["page"], question) == (2, 1, {"Town Hall": 0, "Online": 2, "Both": 0})


@sync_to_async
def results_page_text(page, user):
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get(name="Board editors"))
    client = Client()
    client.force_login(user)
    return client.get(page.url_for("results")).content.decode()


async def test_results_page_says_how_many_votes_came_live_and_how_many_after(
    poll_session, make_member, chair_and_member
):
    data = poll_session
    chair, member = chair_and_member
    poll_id, options, _question = await open_single_poll(chair, data)
    await member.action("vote", poll_id=poll_id, answer=options["Online"])
    await chair.action("close_poll", poll_id=poll_id)
    await member.close()
    await chair.close()
    editor = await sync_to_async(make_member)("editor@example.org")
    text = await results_page_text(data["page"], editor)
    assert "1 vote came in the live session and 0 afterwards. Every answer counts the same." in text


async def test_chair_actions_are_refused_to_members(poll_session, chair_and_member):
    data = poll_session
    chair, member = chair_and_member
    question = data["questions"][0]
    refused = await member.action("open_poll", question_id=question.pk)
    assert refused["code"] == "forbidden"
    poll_id, _options, _question = await open_single_poll(chair, data)
    for action, fields in [
        ("pause_poll", {}),
        ("resume_poll", {}),
        ("give_more_time", {}),
        ("show_poll_results", {"shown": True}),
        ("close_poll", {"publish": True}),
    ]:
        refused = await member.action(action, poll_id=poll_id, **fields)
        assert (refused["type"], refused["code"]) == ("error", "forbidden"), action
    refused = await member.action("open_quick_poll", text="Tea?", option_1="Yes", option_2="No")
    assert refused["code"] == "forbidden"
    poll = await sync_to_async(LivePoll.objects.get)(pk=poll_id)
    assert (poll.state, poll.results_shown) == ("open", False)


async def test_quick_poll_is_a_question_of_the_consultation_and_takes_votes(poll_session, chair_and_member):
    data = poll_session
    chair, member = chair_and_member
    ack = await chair.action(
        "open_quick_poll",
        text="Shall we take a break now?",
        option_1="Yes",
        option_2="No",
        option_3="In 10 minutes",
    )
    assert ack["type"] == "ack", ack
    poll = await member.receive_type("poll")
    options = option_values(poll)
    assert list(options) == ["Yes", "No", "In 10 minutes"]
    assert (await member.action("vote", poll_id=ack["result"]["poll_id"], answer=options["Yes"]))[
        "type"
    ] == "ack"
    question = await sync_to_async(Question.objects.get)(pk=ack["result"]["question_id"])
    assert (question.live_quick_poll, question.required, question.page_id) == (True, False, data["page"].pk)
    assert await counted(data["page"], question) == (1, 1, {"Yes": 1, "No": 0, "In 10 minutes": 0})


async def test_bad_votes_get_specific_errors_store_nothing_and_keep_the_socket(
    poll_session, make_member, chair_and_member
):
    data = poll_session
    chair, member = chair_and_member
    poll_id, options, question = await open_single_poll(chair, data, member)
    other_question_choice = await sync_to_async(lambda: str(data["questions"][1].choices.first().pk))()
    other_page = await sync_to_async(make_consultation)(title="Another consultation")
    other_session = await sync_to_async(make_live_session)(other_page, data["chair"])
    other_chair = await joined(other_session, data["chair"])
    other_question = await sync_to_async(lambda: other_page.ordered_questions()[0])()
    other_poll = await other_chair.action("open_poll", question_id=other_question.pk)
    await other_chair.close()

    cases = [
        ({"answer": other_question_choice}, "invalid_value", "Choose one of the answers listed"),
        ({"answer": [options["Online"], options["Both"]]}, "invalid_value", "Choose only one answer"),
        ({"answer": "Online\x00"}, "invalid_value", "control character"),
        ({"answer": None}, "invalid_value", "Choose an answer"),
        ({"answer": {"x": 1}}, "wrong_type", "A vote is"),
        ({"answer": True}, "wrong_type", "A vote is"),
    ]
    for fields, code, words in cases:
        error = await member.action("vote", poll_id=poll_id, **fields)
        assert (error["type"], error["code"]) == ("error", code), (fields, error)
        assert words in error["message"], (fields, error)
    error = await member.action("vote", poll_id=other_poll["result"]["poll_id"], answer=options["Online"])
    assert (error["code"], error["message"]) == ("not_found", "There is no such poll in this session.")

    # A quick poll: repeated options, control characters, 100,000 characters, too few options.
    quick = [
        ({"text": "Tea?", "option_1": "Yes", "option_2": "yes"}, "invalid_value", "each option once"),
        ({"text": "Tea?\x07", "option_1": "Yes", "option_2": "No"}, "invalid_value", "control character"),
        ({"text": "Tea?", "option_1": "Yes", "option_2": "   "}, "invalid_value", "empty"),
    ]
    for fields, code, words in quick:
        error = await chair.action("open_quick_poll", **fields)
        assert (error["code"], words in error["message"]) == (code, True), (fields, error)
    await chair.send_raw('{"id": "big", "type": "open_quick_poll", "text": "' + "x" * 100_000 + '"}')
    error = await chair.receive_until(lambda m: m.get("id") == "big")
    assert error["code"] == "too_large"
    # One poll at a time.
    error = await chair.action("open_quick_poll", text="Tea?", option_1="Yes", option_2="No")
    assert error["code"] == "wrong_state"

    assert await counted(data["page"], question) == (0, 0, {"Town Hall": 0, "Online": 0, "Both": 0})
    assert await sync_to_async(Question.objects.filter(live_quick_poll=True).count)() == 0
    # Still connected: a good vote goes through on the same socket.
    assert (await member.action("vote", poll_id=poll_id, answer=options["Online"]))["type"] == "ack"


async def test_a_closed_consultation_says_it_is_closed(poll_session, chair_and_member):
    data = poll_session
    chair, member = chair_and_member
    poll_id, options, _question = await open_single_poll(chair, data)
    page = data["page"]
    await sync_to_async(type(page).objects.filter(pk=page.pk).update)(closes_at=timezone.now())
    error = await member.action("vote", poll_id=poll_id, answer=options["Online"])
    assert (error["code"], error["message"]) == (
        "wrong_state",
        "The consultation has closed, so votes are no longer counted.",
    )


async def test_multiple_choice_and_rating_polls_go_through_their_kinds(poll_session, chair_and_member):
    data = poll_session
    chair, member = chair_and_member
    multiple, rating = data["questions"][1], data["questions"][2]
    ack = await chair.action("open_poll", question_id=multiple.pk)
    options = option_values(await member.receive_type("poll"))
    assert "Other" not in options
    picked = list(options.values())[:2]
    assert (await member.action("vote", poll_id=ack["result"]["poll_id"], answer=picked))["type"] == "ack"
    repeated = await member.action("vote", poll_id=ack["result"]["poll_id"], answer=[picked[0], picked[0]])
    assert repeated["code"] == "invalid_value" and "more than once" in repeated["message"]
    await chair.action("close_poll", poll_id=ack["result"]["poll_id"])
    ack = await chair.action("open_poll", question_id=rating.pk)
    await member.receive_until(lambda m: m["type"] == "poll" and m["poll"]["kind"] == "rating")
    assert (await member.action("vote", poll_id=ack["result"]["poll_id"], answer=4))["type"] == "ack"
    rating_result = await counted(data["page"], rating)
    assert rating_result[:2] == (1, 1)
    error = await chair.action("open_poll", question_id=data["questions"][0].pk)
    assert (error["code"], error["message"]) == (
        "wrong_state",
        "Another poll is still running. Close it before opening a new one.",
    )
    await chair.action("close_poll", poll_id=ack["result"]["poll_id"])
    for question in data["questions"][3:]:  # ranking and free text are not polls
        error = await chair.action("open_poll", question_id=question.pk)
        assert error["code"] == "invalid_value"

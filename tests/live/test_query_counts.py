"""The snapshot and the replay cost the same number of queries however busy the session is.

A chair's snapshot with 3 or 30 hands up, written questions, signals, captions and people
present (names shown), and a replay of 3 or 30 logged events: a query per row would show
here as a count that grows with the rows.
"""

import pytest
from django.utils import timezone

from coproduction.live import services
from coproduction.live.models import (
    AccessSignal,
    CaptionLine,
    LiveEvent,
    Presence,
    RaisedHand,
    SignalKind,
    WrittenQuestion,
)
from tests.factories import make_live_session

pytestmark = pytest.mark.django_db

# The savepoint and its release (the snapshot reads in one transaction); the session with
# its current agenda item; the active hands with their members' profiles; the agenda; my
# questions; the captions; the people present, counted and named; then, for a chair, the
# questions with their writers and the signal counts. Then each part an app adds: events'
# "world_cafe" (the session's rounds, the notes this person may see) and consultations'
# "live_poll" (the session's latest poll).
APP_PART_QUERIES = 3
CHAIR_SNAPSHOT_QUERIES = 11 + APP_PART_QUERIES
MEMBER_SNAPSHOT_QUERIES = 9 + APP_PART_QUERIES
# The events a person may see, in one query.
REPLAY_QUERIES = 1


def busy_session(host_page, make_member, people):
    chair = make_member("chair@example.org", display_name="Cllr Osei")
    session = make_live_session(host_page, chair, show_names=True)
    session.state = "live"
    session.current_item = session.ordered_agenda()[0]
    session.save()
    now = timezone.now()
    for n in range(people):
        member = make_member(f"m{n}@example.org", display_name=f"Member {n}")
        RaisedHand.objects.create(session=session, member=member, note=f"Point {n}")
        WrittenQuestion.objects.create(session=session, member=member, text=f"Question {n}")
        AccessSignal.objects.create(session=session, member=member, kind=SignalKind.values[n % 4])
        CaptionLine.objects.create(session=session, captioner=chair, text=f"Line {n}")
        Presence.objects.create(session=session, member=member, channel_name=f"c{n}", last_seen=now)
    return session, chair


@pytest.mark.parametrize("people", [3, 30])
def test_a_chairs_snapshot_costs_the_same_queries_for_3_or_30_people(
    people, host_page, make_member, django_assert_num_queries
):
    session, chair = busy_session(host_page, make_member, people)
    role = services.role_for(session.pk, chair)
    with django_assert_num_queries(CHAIR_SNAPSHOT_QUERIES):
        snapshot = services.snapshot(session.pk, role)
    assert (len(snapshot["chair_queue"]), len(snapshot["questions"]), len(snapshot["present_names"])) == (
        people,
        people,
        people,
    )


@pytest.mark.parametrize("people", [3, 30])
def test_a_members_snapshot_costs_the_same_queries_for_3_or_30_people(
    people, host_page, make_member, django_assert_num_queries
):
    session, _chair = busy_session(host_page, make_member, people)
    member = RaisedHand.objects.filter(session=session).first().member
    role = services.role_for(session.pk, member)
    with django_assert_num_queries(MEMBER_SNAPSHOT_QUERIES):
        snapshot = services.snapshot(session.pk, role)
    assert len(snapshot["queue"]["hands"]) == people


@pytest.mark.parametrize("events", [3, 30])
def test_a_replay_costs_the_same_queries_for_3_or_30_events(
    events, host_page, make_member, django_assert_num_queries
):
    session, chair = busy_session(host_page, make_member, 1)
    for seq in range(1, events + 1):
        LiveEvent.objects.create(
            session=session, seq=seq, type="announcement", payload={"text": f"Note {seq}"}
        )
    role = services.role_for(session.pk, chair)
    with django_assert_num_queries(REPLAY_QUERIES):
        replayed = services.events_after(session.pk, role, 0)
    assert [message["seq"] for message in replayed] == list(range(1, events + 1))


def test_joining_is_one_statement_and_joining_again_on_the_same_connection_updates_it(
    host_page, chair, make_member, django_assert_num_queries
):
    session = make_live_session(host_page, chair)
    member = make_member("joining@example.org")
    with django_assert_num_queries(1):
        services.join(session.pk, member.pk, "channel-7")
    with django_assert_num_queries(1):
        services.join(session.pk, member.pk, "channel-7", place="item:4")
    (row,) = Presence.objects.filter(channel_name="channel-7")
    assert (row.member_id, row.place) == (member.pk, "item:4")
    assert services.presence_count(session.pk) == 1


# The session with its host page and whether the person chairs or captions it, in one query;
# then the host's own check (none for a page that is not an event).
ROLE_QUERIES = 1


def test_who_someone_is_in_a_session_is_one_query(host_page, chair, make_member, django_assert_num_queries):
    session = make_live_session(host_page, chair)
    member = make_member("asking@example.org")
    with django_assert_num_queries(ROLE_QUERIES):
        role = services.role_for(session.pk, member)
    assert (role.is_chair, role.is_captioner) == (False, False)
    with django_assert_num_queries(ROLE_QUERIES):
        role = services.role_for(session.pk, chair)
    assert role.is_chair

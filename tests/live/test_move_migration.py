"""Migration consultations/0008 moves live sessions, with everything in them, to the live engine.

The database is taken back to before the move, filled as a session that has been running
would leave it (the demo's shape: a consultation, its session, agenda, log, hands, written
questions, signals, captions, roles), then migrated forward.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from consultations.models import AgendaQuestion
from coproduction.live import services
from coproduction.live.models import (
    AccessSignal,
    AgendaItem,
    CaptionLine,
    LiveEvent,
    LiveSession,
    Presence,
    ProcessedAction,
    RaisedHand,
    WrittenQuestion,
)
from coproduction.live.protocol import CLIENT_MESSAGES
from tests.factories import make_consultation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("consultations", "0007_role_page_permissions"), ("live", None)]
AFTER = [("consultations", "0009_remove_the_old_live_tables")]
LONG_AGO = datetime(2026, 6, 1, 18, 0, tzinfo=UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    nodes = [(app, name) for app, name in targets if name is not None]
    return MigrationExecutor(connection).loader.project_state(nodes).apps


@pytest.fixture
def old_session(db):
    """A running session as it was stored before the move, and the ids to look for after it."""
    page = make_consultation()
    question = page.ordered_questions()[0]
    apps = migrate(BEFORE)
    old = apps.get_app_config("consultations")
    User = apps.get_model("members", "User")
    amina = User.objects.create(email="amina@example.org")
    helen = User.objects.create(email="helen@example.org")
    sam = User.objects.create(email="sam@example.org")
    session = old.get_model("LiveSession").objects.create(
        consultation_id=page.pk,
        title="Board meeting, live",
        scheduled_start=LONG_AGO,
        scheduled_end=LONG_AGO + timedelta(hours=2),
        who_may_join="invited",
        state="live",
        announcement="Back at 7",
        last_seq=3,
        started_at=LONG_AGO,
    )
    session.chairs.add(helen)
    session.captioners.add(sam)
    session.invited.add(amina)
    welcome = old.get_model("AgendaItem").objects.create(session=session, title="Welcome", sort_order=0)
    transport = old.get_model("AgendaItem").objects.create(
        session=session, title="Transport", sort_order=1, question_id=question.pk
    )
    session.current_item = transport
    session.save()
    events = [
        old.get_model("LiveEvent").objects.create(
            session=session, seq=1, type="state", payload={"state": "live"}
        ),
        old.get_model("LiveEvent").objects.create(
            session=session, seq=2, type="queue", payload={"hands": []}
        ),
        old.get_model("LiveEvent").objects.create(
            session=session, seq=3, type="floor", payload={"hand_id": 1}, audience="person", person=amina
        ),
    ]
    old.get_model("LiveEvent").objects.filter(pk=events[0].pk).update(created_at=LONG_AGO)
    hand = old.get_model("RaisedHand").objects.create(
        session=session, member=amina, note="I use a communication aid"
    )
    written = old.get_model("WrittenQuestion").objects.create(
        session=session,
        member=amina,
        text="Will the bus pass cover carers?",
        agenda_item=transport,
        publish=True,
    )
    old.get_model("WrittenQuestion").objects.filter(pk=written.pk).update(created_at=LONG_AGO)
    old.get_model("AccessSignal").objects.create(session=session, member=amina, kind="slow_down")
    old.get_model("CaptionLine").objects.create(session=session, captioner=sam, text="Welcome, everyone.")
    old.get_model("ProcessedAction").objects.create(
        session=session, member=amina, action_id="a1", result={"hand_id": hand.pk}
    )
    old.get_model("Presence").objects.create(
        session=session, member=amina, channel_name="specific.abc!def", last_seen=LONG_AGO
    )
    OldContentType = apps.get_model("contenttypes", "ContentType")
    content_type_id = OldContentType.objects.get(app_label="consultations", model="livesession").pk
    permission_ids = set(
        apps.get_model("auth", "Group")
        .objects.get(name="Facilitators")
        .permissions.filter(content_type_id=content_type_id)
        .values_list("pk", flat=True)
    )
    ids = {
        "page": page.pk,
        "question": question.pk,
        "session": session.pk,
        "welcome": welcome.pk,
        "transport": transport.pk,
        "hand": hand.pk,
        "written": written.pk,
        "people": (amina.pk, helen.pk, sam.pk),
        "content_type": content_type_id,
        "permissions": permission_ids,
    }
    yield ids
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def check_sessions_keep_their_id_host_roles_and_state(old_session):
    session = LiveSession.objects.get()
    amina, helen, sam = old_session["people"]
    assert (
        session.pk,
        session.host_id,
        session.title,
        session.state,
        session.announcement,
        session.last_seq,
    ) == (
        old_session["session"],
        old_session["page"],
        "Board meeting, live",
        "live",
        "Back at 7",
        3,
    )
    assert list(session.chairs.values_list("pk", flat=True)) == [helen]
    assert list(session.captioners.values_list("pk", flat=True)) == [sam]
    assert list(session.invited.values_list("pk", flat=True)) == [amina]
    assert session.current_item_id == old_session["transport"]


def check_the_agenda_keeps_its_order_and_its_question_stays_with_consultations(old_session):
    agenda = LiveSession.objects.get().ordered_agenda()
    assert [(item.pk, item.title) for item in agenda] == [
        (old_session["welcome"], "Welcome"),
        (old_session["transport"], "Transport"),
    ]
    link = AgendaQuestion.objects.get()
    assert (link.agenda_item_id, link.question_id) == (old_session["transport"], old_session["question"])


def check_the_event_log_hands_questions_signals_and_captions_all_move(old_session):
    amina = old_session["people"][0]
    events = list(LiveEvent.objects.order_by("seq"))
    assert [(e.seq, e.type, e.audience, e.person_id) for e in events] == [
        (1, "state", "all", None),
        (2, "queue", "all", None),
        (3, "floor", "person", amina),
    ]
    assert events[0].created_at == LONG_AGO
    hand = RaisedHand.objects.get()
    assert (hand.pk, hand.member_id, hand.note) == (old_session["hand"], amina, "I use a communication aid")
    written = WrittenQuestion.objects.get()
    assert (written.pk, written.agenda_item_id, written.publish, written.created_at) == (
        old_session["written"],
        old_session["transport"],
        True,
        LONG_AGO,
    )
    assert list(AccessSignal.objects.values_list("kind", flat=True)) == ["slow_down"]
    assert list(CaptionLine.objects.values_list("text", flat=True)) == ["Welcome, everyone."]
    assert list(ProcessedAction.objects.values_list("action_id", flat=True)) == ["a1"]
    assert list(Presence.objects.values_list("channel_name", flat=True)) == ["specific.abc!def"]


def check_groups_keep_their_permissions_on_live_sessions(old_session):
    content_type = ContentType.objects.get(app_label="live", model="livesession")
    assert content_type.pk == old_session["content_type"]
    facilitators = Group.objects.get(name="Facilitators")
    kept = set(facilitators.permissions.filter(content_type=content_type).values_list("pk", flat=True))
    assert kept == old_session["permissions"]
    assert {p.codename for p in Permission.objects.filter(pk__in=kept)} == {
        "add_livesession",
        "change_livesession",
        "view_livesession",
    }
    assert not ContentType.objects.filter(app_label="consultations", model="livesession").exists()


def check_the_moved_session_carries_on_where_it_stopped(old_session):
    session = LiveSession.objects.get()
    helen = session.chairs.get()
    services.perform(session.pk, helen, CLIENT_MESSAGES["announce"], "b1", {"text": "We are back"})
    assert list(LiveEvent.objects.order_by("seq").values_list("seq", flat=True)) == [1, 2, 3, 4]
    # New rows get new ids after the moved ones (PostgreSQL keeps a sequence per table).
    item = AgendaItem.objects.create(session=session, title="Any other business", sort_order=2)
    assert item.pk > old_session["transport"]


# One migration forward serves every check: each runs the migrations on a database filled
# as before the move, which is most of this module's time.
def test_a_running_session_moves_with_everything_in_it_and_carries_on(old_session):
    migrate(AFTER)
    # The engine's code of today runs on the moved rows: its own later migrations too.
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("live"))
    check_sessions_keep_their_id_host_roles_and_state(old_session)
    check_the_agenda_keeps_its_order_and_its_question_stays_with_consultations(old_session)
    check_the_event_log_hands_questions_signals_and_captions_all_move(old_session)
    check_groups_keep_their_permissions_on_live_sessions(old_session)
    check_the_moved_session_carries_on_where_it_stopped(old_session)


def test_going_back_puts_every_row_back_in_consultations(old_session):
    migrate(AFTER)
    apps = migrate(BEFORE)
    old = apps.get_app_config("consultations")
    session = old.get_model("LiveSession").objects.get()
    assert (session.pk, session.consultation_id, session.current_item_id) == (
        old_session["session"],
        old_session["page"],
        old_session["transport"],
    )
    transport = old.get_model("AgendaItem").objects.get(pk=old_session["transport"])
    assert transport.question_id == old_session["question"]
    assert old.get_model("LiveEvent").objects.count() == 3
    assert list(session.chairs.values_list("pk", flat=True)) == [old_session["people"][1]]

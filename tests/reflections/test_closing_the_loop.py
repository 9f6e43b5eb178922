"""Closing the loop: followers and the member who raised an item hear when its actions change, and
only they; the group discusses items where the public cannot see."""

import pytest
from django.core import mail
from django.test import Client

from reflections.models import Action, Comment, Follow, Notification
from reflections.services import create_action, create_item, save
from tests.factories import signed_in
from tests.reflections.conftest import item_values

# Notifications go out once the change is committed, so these tests commit.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def raised(document, sam, make_member):
    """An item Amina raised, that Ben follows; Chloe is a member who does neither."""
    amina = make_member("amina@example.org", display_name="Amina")
    ben = make_member("ben@example.org", display_name="Ben")
    make_member("chloe@example.org", display_name="Chloe")
    item = create_item(document, item_values(), by=sam, raised_by=amina)
    signed_in(ben).post(document.url_for("follow_item", item.pk))
    return item


def test_a_new_action_reaches_the_follower_and_the_person_who_raised_it_only(document, sam, raised):
    signed_in(sam).post(
        document.url_for("add_action", raised.pk),
        {"text": "Ask for a shelter", "owner": "Lead", "status": "agreed"},
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["amina@example.org", "ben@example.org"]
    assert sorted(Notification.objects.values_list("member__email", flat=True)) == [
        "amina@example.org",
        "ben@example.org",
    ]
    assert "A new action on" in mail.outbox[0].body
    assert raised.get_absolute_url() in mail.outbox[0].body


def test_a_status_change_notifies_and_a_text_change_does_not(document, sam, raised):
    action = create_action(raised, {"text": "Ask for a shelter", "owner": "Lead", "status": "agreed"}, by=sam)
    mail.outbox.clear()
    save(action, 1, {"text": "Ask the council for a shelter", "owner": "Lead", "status": "agreed"}, by=sam)
    assert mail.outbox == []
    save(
        Action.objects.get(pk=action.pk), 2, {"text": action.text, "owner": "Lead", "status": "done"}, by=sam
    )
    assert len(mail.outbox) == 2
    assert "is now Done" in mail.outbox[0].body


def test_the_notifications_page_lists_a_members_own_notifications(document, sam, raised):
    create_action(raised, {"text": "Ask for a shelter", "owner": "Lead", "status": "agreed"}, by=sam)
    from coproduction.members.models import User

    html = signed_in(User.objects.get(email="ben@example.org")).get("/notifications/").content.decode()
    assert "A new action on" in html
    chloe = signed_in(User.objects.get(email="chloe@example.org")).get("/notifications/").content.decode()
    assert "You have no notifications yet." in chloe


def test_unfollowing_stops_the_notifications(document, sam, raised):
    from coproduction.members.models import User

    ben = User.objects.get(email="ben@example.org")
    signed_in(ben).post(document.url_for("follow_item", raised.pk))
    assert not Follow.objects.filter(member=ben).exists()
    create_action(raised, {"text": "Ask for a shelter", "owner": "Lead", "status": "agreed"}, by=sam)
    assert [m.to[0] for m in mail.outbox] == ["amina@example.org"]


def test_the_group_discusses_an_item_and_the_public_does_not_see_it(document, sam, item):
    response = signed_in(sam).post(
        document.url_for("comment", item.pk), {"text": "Shall we ask the bus company too?"}
    )
    assert response.status_code == 302
    assert "Shall we ask the bus company too?" in signed_in(sam).get(item.get_absolute_url()).content.decode()
    assert "Shall we ask the bus company too?" not in Client().get(item.get_absolute_url()).content.decode()


def test_a_comment_from_outside_the_group_is_refused(document, item, make_member):
    outsider = make_member("lee@example.org")
    assert (
        signed_in(outsider).post(document.url_for("comment", item.pk), {"text": "Hello"}).status_code == 403
    )
    assert not Comment.objects.exists()


def test_a_comment_with_a_nul_byte_is_refused_and_keeps_the_words(document, sam, item):
    response = signed_in(sam).post(document.url_for("comment", item.pk), {"text": "Bus\x00 company"})
    assert response.status_code == 200
    assert "Remove the invisible control character" in response.content.decode()
    assert not Comment.objects.exists()


def test_download_my_data_holds_a_members_comments_follows_and_notifications(document, sam, raised):
    import json

    from coproduction.members.models import User

    signed_in(sam).post(document.url_for("comment", raised.pk), {"text": "Ask the bus company too."})
    create_action(raised, {"text": "Ask for a shelter", "owner": "Lead", "status": "agreed"}, by=sam)
    ben = User.objects.get(email="ben@example.org")
    ben_data = json.loads(signed_in(ben).get("/account/my-data.json").content)["reflections"]
    assert (ben_data["following"], len(ben_data["notifications"])) == ([raised.you_said[:80]], 1)
    sam_data = json.loads(signed_in(sam).get("/account/my-data.json").content)["reflections"]
    assert [c["text"] for c in sam_data["comments"]] == ["Ask the bus company too."]
    assert sam_data["advisory_groups"] == [{"group": "Co-production Advisory Group", "lead": False}]


def test_deleting_an_account_removes_the_member_from_reflections(document, sam, raised):
    from coproduction.members.services import delete_account
    from reflections.models import Change

    signed_in(sam).post(document.url_for("comment", raised.pk), {"text": "Ask the bus company too."})
    delete_account(sam)
    assert not Comment.objects.exists()
    assert not Change.objects.filter(changed_by__email="sam@example.org").exists()
    raised.refresh_from_db()
    assert raised.you_said.startswith("The bus stop")  # the group's record stays


def test_respondents_who_let_their_words_be_used_hear_what_became_of_their_theme(document, sam, make_member):
    from consultations.models import Answer, Response, Theme
    from home.sources import source_for
    from tests.factories import answer_all, make_consultation

    consultation = make_consultation()
    people = {
        name: make_member(f"{name}@example.org", display_name=name.title())
        for name in ("fatima", "george", "hana")
    }
    for person in people.values():
        answer_all(signed_in(person), consultation)
    # George answered but did not let his words be published; Hana's words are in another theme.
    Response.objects.filter(member=people["george"]).update(publish_consent=False)
    theme = Theme.objects.create(consultation=consultation, name="Papers come too late")
    other = Theme.objects.create(consultation=consultation, name="Meeting times")
    written = Answer.objects.filter(question__kind="text", is_sent=True)
    theme.answers.add(*written.exclude(response__member=people["hana"]))
    other.answers.add(*written.filter(response__member=people["hana"]))

    item = create_item(document, item_values(), by=sam, source=source_for(theme))
    mail.outbox.clear()  # the receipts of the three responses
    create_action(item, {"text": "Send papers two weeks ahead", "owner": "Clerk", "status": "agreed"}, by=sam)

    assert [m.to[0] for m in mail.outbox] == ["fatima@example.org"]
    assert list(Notification.objects.values_list("member__email", flat=True)) == ["fatima@example.org"]


def test_the_asker_of_a_question_put_on_the_record_hears_what_became_of_it(document, sam, make_member):
    from coproduction.live.models import WrittenQuestion
    from home.sources import source_for
    from tests.factories import make_consultation, make_live_session

    session = make_live_session(make_consultation(), make_member("chair@example.org"))
    asker = make_member("ines@example.org", display_name="Ines")
    private = make_member("jo@example.org", display_name="Jo")
    on_record = WrittenQuestion.objects.create(
        session=session, member=asker, text="Step-free entrance?", publish=True
    )
    chair_only = WrittenQuestion.objects.create(session=session, member=private, text="Can I leave early?")

    for question in (on_record, chair_only):
        item = create_item(document, item_values(), by=sam, source=source_for(question))
        create_action(item, {"text": "Ramp booked", "owner": "Facilities", "status": "done"}, by=sam)

    assert [m.to[0] for m in mail.outbox] == ["ines@example.org"]

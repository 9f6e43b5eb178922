"""Live polls by form post, shared by the modules that drive them without JavaScript."""

from consultations.models import LivePoll
from tests.factories import make_consultation, make_live_session, signed_in


def running_session(make_member, **consultation):
    """A consultation with a live session under way: (page, session, chair's client, member's client)."""
    page = make_consultation(**consultation)
    chair = make_member("chair@example.org", display_name="Cllr Osei")
    member = make_member("amina@example.org", display_name="Amina")
    session = make_live_session(page, chair, state="live")
    return page, session, signed_in(chair), signed_in(member)


def post(client, page, session, data, chair=False):
    """Send a live action as the form post a browser without JavaScript sends."""
    data = {"id": f"{data['type']}-{len(str(data))}-{id(data)}", **data}
    if chair:
        data["from"] = "chair"
    return client.post(page.url_for("live_action", session.pk), data, follow=True)


def open_poll(chair, page, session, question):
    """The chair opens `question` as a poll by form post; the poll."""
    post(chair, page, session, {"type": "open_poll", "question_id": question.pk}, chair=True)
    return LivePoll.objects.get(session=session)

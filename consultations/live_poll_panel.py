"""The live poll section of the live pages: the member's vote form, results, the chair's controls."""

import uuid

from django.template.loader import render_to_string

from .kinds import kind_for
from .live_poll_forms import QuickPollForm
from .live_polls import my_vote, poll_options, results_data
from .models import ConsultationPage, LivePoll, PollState


class _Ids:
    """A fresh action id for each form, so a double submit counts once."""

    def __getattr__(self, name):
        return uuid.uuid4().hex


def render_poll_panel(request, session, role, refused=None):
    page = session.host.specific
    if not isinstance(page, ConsultationPage):
        return ""
    poll = LivePoll.objects.filter(session=session).select_related("question").first()
    running = poll is not None and poll.state != PollState.CLOSED
    refused_quick = refused if refused is not None and refused.data.get("type") == "open_quick_poll" else None
    context = {
        "page": page,
        "session": session,
        "role": role,
        "poll": poll,
        "running": running,
        "ids": _Ids(),
        "action_url": page.url_for("live_action", session.pk),
        "closes": page.closes_in_words(),
        "quick_poll_form": refused_quick or QuickPollForm(),
    }
    if poll is not None:
        context["options"] = poll_options(poll.question)
        context["input_type"] = kind_for(poll.question).live_poll_input
        context["my_vote"] = my_vote(page, request.user, poll.question)
        context["answer_url"] = page.url_for("start_answering")
        if role.is_chair or poll.results_visible_to_members:
            context["results"] = results_data(poll)
    if role.is_chair:
        context["poll_questions"] = [q for q in page.ordered_questions() if kind_for(q).live_poll_input]
    return render_to_string("consultations/live/poll_panel.html", context, request=request)

"""Consultations' own live action, registered with the live engine without editing it.

When an agenda item is about one of the consultation's questions (`AgendaQuestion`), the
chair can show that question to everyone in the session as the announcement.
"""

from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coproduction.live.chair_actions import set_announcement
from coproduction.live.models import SessionState
from coproduction.live.protocol import ProtocolError
from coproduction.live.registry import register_action

from .models import AgendaQuestion


def has_agenda_questions(session):
    """The chair is offered the button only where some agenda item has a question."""
    return AgendaQuestion.objects.filter(agenda_item__session=session).exists()


@register_action(
    "show_agenda_question",
    doc="Show everyone the consultation question the current agenda item is about.",
    role="chair",
    confirmation=_("The item's question is shown to everyone."),
    button=_("Show this item's question to everyone"),
    offered=has_agenda_questions,
)
def show_agenda_question(unit, user, data):
    unit.require_state(SessionState.SCHEDULED, SessionState.LIVE, SessionState.PAUSED)
    link = (
        AgendaQuestion.objects.filter(
            agenda_item_id=unit.session.current_item_id, agenda_item__session=unit.session
        )
        .select_related("question")
        .first()
    )
    if link is None:
        raise ProtocolError(
            "not_found", gettext("The agenda item being discussed has no consultation question.")
        )
    text = gettext("Question for this item: %(question)s") % {"question": link.question.text}
    result = set_announcement(unit, Truncator(text).chars(500))
    return {**result, "question_id": link.question_id}

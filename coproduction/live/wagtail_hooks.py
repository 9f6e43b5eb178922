"""Wagtail admin for live sessions, and written questions as sources of "you said" items."""

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.sources import register_source

from .models import LiveSession, WrittenQuestion


class LiveSessionViewSet(SnippetViewSet):
    """Board editors and facilitators set up live sessions: host page, agenda, chairs, captioners."""

    model = LiveSession
    icon = "group"
    menu_label = "Live sessions"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "host", "scheduled_start", "state"]


register_snippet(LiveSessionViewSet)


def written_question_url(question):
    """Where people read a written question: its place in the session record."""
    session = question.session
    host = session.host.specific
    return f"{host.url_for('session_record', session.pk)}#question-{question.pk}"


def published_questions_matching(query):
    """Only questions the chair put on the record: the others were seen by the chair alone."""
    return WrittenQuestion.objects.filter(publish=True, text__icontains=query).select_related("session__host")


# A written question from a live session can become a "you said" item in a reflection document.
register_source(
    WrittenQuestion,
    label=_("Written question from a live session"),
    title=lambda question: Truncator(question.text).chars(80),
    url=written_question_url,
    search=published_questions_matching,
    # The asker hears what became of a question the chair put on the record.
    people=lambda question: [question.member] if question.publish and question.member.is_active else [],
)

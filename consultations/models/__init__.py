"""Consultations: boards ask, members answer, boards report back."""

from .agenda import AgendaQuestion
from .boards import Board
from .pages import AudioVersion, ConsultationIndexPage, ConsultationPage, FormatRequest
from .polls import LivePoll, PollState
from .questions import Choice, Question, QuestionKind
from .responses import (
    Answer,
    AnswerChoice,
    Moderation,
    Response,
    ResponseChannel,
    ResponseStatus,
    Theme,
)

__all__ = [
    "AgendaQuestion",
    "Answer",
    "AnswerChoice",
    "AudioVersion",
    "Board",
    "Choice",
    "ConsultationIndexPage",
    "ConsultationPage",
    "FormatRequest",
    "LivePoll",
    "Moderation",
    "PollState",
    "Question",
    "QuestionKind",
    "Response",
    "ResponseChannel",
    "ResponseStatus",
    "Theme",
]

"""Consultations: boards ask, members answer, boards report back."""

from .boards import Board
from .live import (
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
from .pages import AudioVersion, ConsultationIndexPage, ConsultationPage, FormatRequest
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
    "AccessSignal",
    "AgendaItem",
    "CaptionLine",
    "LiveEvent",
    "LiveSession",
    "Presence",
    "ProcessedAction",
    "RaisedHand",
    "WrittenQuestion",
    "Answer",
    "AnswerChoice",
    "AudioVersion",
    "Board",
    "Choice",
    "ConsultationIndexPage",
    "ConsultationPage",
    "FormatRequest",
    "Moderation",
    "Question",
    "QuestionKind",
    "Response",
    "ResponseChannel",
    "ResponseStatus",
    "Theme",
]

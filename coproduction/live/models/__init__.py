"""The live engine's models: sessions and their agenda, and what happens in them."""

from .activity import (
    AccessSignal,
    Audience,
    CaptionLine,
    HandState,
    LiveEvent,
    Presence,
    ProcessedAction,
    QuestionStatus,
    RaisedHand,
    SignalKind,
    WrittenQuestion,
)
from .sessions import AgendaItem, LiveSession, SessionState, WhoMayJoin

__all__ = [
    "AccessSignal",
    "AgendaItem",
    "Audience",
    "CaptionLine",
    "HandState",
    "LiveEvent",
    "LiveSession",
    "Presence",
    "ProcessedAction",
    "QuestionStatus",
    "RaisedHand",
    "SessionState",
    "SignalKind",
    "WhoMayJoin",
    "WrittenQuestion",
]

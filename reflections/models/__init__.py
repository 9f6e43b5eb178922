"""Living "you said / we did" documents: the groups that own them, items, actions and their history."""

from .groups import AdvisoryGroup, GroupMembership
from .items import Action, ActionStatus, Audience, Change, Comment, Follow, Item, Notification
from .pages import EditingSession, Meeting, ReflectionDocumentPage, ReflectionsIndexPage

__all__ = [
    "Action",
    "ActionStatus",
    "AdvisoryGroup",
    "Audience",
    "Change",
    "Comment",
    "EditingSession",
    "Follow",
    "GroupMembership",
    "Item",
    "Meeting",
    "Notification",
    "ReflectionDocumentPage",
    "ReflectionsIndexPage",
]

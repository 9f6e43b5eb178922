"""Who else is editing an item, and when someone saved a newer version of it.

Nothing here is a second presence system: each document hosts one live session of the
live engine (made the first time a member opens an edit form), the edit page joins it
at the place "item:<id>", and the engine's presence tells each editor who else is at
that place. A save logs an `item_saved` event in the session's event log, in the save's
own transaction, so it reaches the others only once the save has committed.
"""

from typing import ClassVar

from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete
from django.utils import timezone

from coproduction.live.events import ServerEvent, server_event
from coproduction.live.membership import recheck
from coproduction.live.models import LiveSession, SessionState, WhoMayJoin
from coproduction.live.services import UnitOfWork

from .models import EditingSession, GroupMembership


@server_event
class ItemSaved(ServerEvent):
    type: ClassVar[str] = "item_saved"
    doc: ClassVar[str] = "(reflections) Someone saved a new version of an item of the document."
    item_id: int
    version: int
    by: str
    at: str


def place_of(item):
    return f"item:{item.pk}"


def editing_session(document):
    """The document's editing session, made on first use.

    Who may join is the document's own rule (`ReflectionDocumentPage.live_may_join`: its
    group's members); names are shown, because saying who else is editing is the point.
    """
    found = EditingSession.objects.filter(document=document).select_related("session").first()
    if found is not None:
        return found.session
    now = timezone.now()
    try:
        with transaction.atomic():
            session = LiveSession.objects.create(
                host=document,
                title=f"Editing {document.title}"[:200],
                scheduled_start=now,
                scheduled_end=now,
                who_may_join=WhoMayJoin.SIGNED_IN,
                show_names=True,
                record_public=False,
                state=SessionState.LIVE,
                started_at=now,
            )
            EditingSession.objects.create(document=document, session=session)
    except IntegrityError:
        # Someone else opened an edit form of this document at the same moment: use theirs.
        return EditingSession.objects.select_related("session").get(document=document).session
    return session


def item_saved(item, by):
    """Log that `by` saved `item`'s current version, for whoever is editing it now.

    Called inside the save's transaction: the event is broadcast once it commits, and
    not at all if it is rolled back. A document nobody has edited live has no session,
    and then nobody to tell.
    """
    found = (
        EditingSession.objects.filter(document_id=item.document_id)
        .values_list("session_id", flat=True)
        .first()
    )
    if found is None:
        return
    with UnitOfWork(found) as unit:
        unit.log(
            ItemSaved(
                item_id=item.pk,
                version=item.version,
                by=by.display_name if by is not None else "",
                at=timezone.now().isoformat(),
            )
        )


def membership_removed(sender, instance, **kwargs):
    """Someone left an advisory group: their open edit pages of its documents stop hearing.

    The live engine checks each of their sockets again once this commits, and closes
    those the document no longer lets in (`ReflectionDocumentPage.live_may_join`).
    """
    sessions = EditingSession.objects.filter(document__group_id=instance.group_id).values_list(
        "session_id", flat=True
    )
    recheck(sessions, [instance.member_id])


def connect_signals():
    post_delete.connect(
        membership_removed, sender=GroupMembership, dispatch_uid="reflections-membership-removed"
    )

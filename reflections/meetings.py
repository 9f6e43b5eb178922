"""Meetings as versions: the document as it stood at a meeting, and what changed since.

Both are read from the history (`Change`): every saved version keeps the whole state
after it, so the state at a moment is the last version saved before it.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .models import Change


def end_of(day):
    """The last moment of a meeting's day, in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


@dataclass(frozen=True)
class ItemAsAt:
    """An item and its actions as they stood at a moment: their saved states, not the objects."""

    item_id: int
    state: dict
    actions: list  # the states of the actions that existed then


@dataclass(frozen=True)
class StatusMove:
    action_text: str
    item_id: int
    before: str  # "" for an action added since
    after: str


@dataclass(frozen=True)
class ChangesSince:
    items_added: list  # item states as now
    actions_changed: list  # (action state now, item id, the fields changed)
    statuses_moved: list  # StatusMove


def _latest_states(changes):
    """The last state of each record among `changes` (ordered oldest first), keyed by (item, action)."""
    latest = {}
    for change in changes:
        latest[(change.item_id, change.action_id)] = change.state
    return latest


def as_at(document, moment, published_only):
    """Every item of the document that existed at `moment`, with its actions, as they were then."""
    changes = Change.objects.filter(item__document=document, changed_at__lt=moment).order_by(
        "changed_at", "pk"
    )
    latest = _latest_states(changes)
    items = []
    for (item_id, action_id), state in latest.items():
        if action_id is not None or (published_only and not state.get("published")):
            continue
        actions = [s for (i, a), s in latest.items() if i == item_id and a is not None]
        items.append(ItemAsAt(item_id, state, actions))
    return sorted(items, key=lambda entry: (entry.state["said_on"], entry.item_id))


def changes_since(document, moment, published_only):
    """Items added, actions changed and statuses moved since `moment`."""
    before = _latest_states(
        Change.objects.filter(item__document=document, changed_at__lt=moment).order_by("changed_at", "pk")
    )
    since = list(
        Change.objects.filter(item__document=document, changed_at__gte=moment).order_by("changed_at", "pk")
    )
    now = _latest_states(Change.objects.filter(item__document=document).order_by("changed_at", "pk"))
    visible = {i for (i, a), s in now.items() if a is None and (s.get("published") or not published_only)}

    items_added = [
        now[(c.item_id, None)] | {"id": c.item_id} for c in since if c.action_id is None and c.version == 1
    ]
    changed_fields = {}
    for change in since:
        if change.action_id is not None:
            changed_fields.setdefault((change.item_id, change.action_id), set()).update(change.fields)
    actions_changed, statuses_moved = [], []
    for (item_id, action_id), fields in changed_fields.items():
        if item_id not in visible:
            continue
        state = now[(item_id, action_id)]
        actions_changed.append((state, item_id, sorted(fields)))
        old_status = before.get((item_id, action_id), {}).get("status", "")
        if old_status != state["status"]:
            statuses_moved.append(StatusMove(state["text"], item_id, old_status, state["status"]))
    return ChangesSince(
        items_added=[item for item in items_added if item["id"] in visible],
        actions_changed=actions_changed,
        statuses_moved=statuses_moved,
    )

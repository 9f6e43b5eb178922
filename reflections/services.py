"""The rules of a living document: saving items and actions without losing anyone's change,
their history, restoring, and the figures people read at the top of a document.

Items and actions are saved the same way. Each has a `version`; a save names the version
the person started from. Saved from the current version, it is written; saved from an
older one, it is merged with what was saved since (reflections/merge.py), and only edits
to the same words come back to the person to merge by hand. Every saved version is a
`Change` with the whole state after it, so history, merging and restoring read one table.
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from . import editing, notifications
from .merge import Merge, merge
from .models import Action, ActionStatus, Change, Item


class StaleVersion(Exception):
    """The version a save names does not exist: it is in the future, or was never saved."""


@dataclass
class Saved:
    """What became of a save: the record, whether it was written, and how it was merged."""

    obj: object
    written: bool
    merge: Merge
    current_state: dict = None  # with conflicts: the newer saved values, to show side by side
    current_version: int = None
    merged: bool = False  # written together with a change someone saved first


def text_fields(model):
    return {
        name
        for name in model.EDITABLE
        if isinstance(model._meta.get_field(name), (models.TextField, models.CharField))
        and not model._meta.get_field(name).choices
    }


def state_of(obj):
    """The editable fields of an item or action as JSON values: dates as ISO text, links as ids."""
    state = {}
    for name in obj.EDITABLE:
        field = obj._meta.get_field(name)
        if field.is_relation:
            state[name] = getattr(obj, field.attname)
        else:
            value = getattr(obj, name)
            state[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return state


def state_from_values(model, values):
    """Form values (dates, model instances) as the same JSON values as `state_of`."""
    state = {}
    for name in model.EDITABLE:
        value = values.get(name)
        field = model._meta.get_field(name)
        if field.is_relation:
            state[name] = getattr(value, "pk", value)
        elif isinstance(value, datetime.date):
            state[name] = value.isoformat()
        elif value is None and isinstance(field, (models.TextField, models.CharField)):
            state[name] = ""
        else:
            state[name] = value
    return state


def _given(model, values):
    """The fields `values` gives, as state; a new record keeps its defaults for the others."""
    return {name: value for name, value in state_from_values(model, values).items() if name in values}


def _apply(obj, state):
    for name, value in state.items():
        field = obj._meta.get_field(name)
        if field.is_relation:
            setattr(obj, field.attname, value)
        elif isinstance(field, models.DateField) and value:
            setattr(obj, name, datetime.date.fromisoformat(value))
        else:
            setattr(obj, name, value)


def _record(obj, item, by, before, note="", at=None):
    """Write the change that made `obj` its current version."""
    after = state_of(obj)
    changed = [name for name in obj.EDITABLE if before.get(name) != after[name]]
    return Change.objects.create(
        item=item,
        action=obj if isinstance(obj, Action) else None,
        version=obj.version,
        changed_by=by,
        changed_at=at or timezone.now(),
        fields=changed,
        before={name: before.get(name) for name in changed},
        after={name: after[name] for name in changed},
        state=after,
        note=note,
    )


def create_item(document, values, by, raised_by=None, source=None):
    """A new item (version 1), recorded in its history."""
    with transaction.atomic():
        item = Item(document=document, raised_by=raised_by)
        if source is not None:
            item.source_type_id, item.source_id = source.content_type_id, source.object_id
        _apply(item, _given(Item, values))
        item.save()
        _record(item, item, by, before={}, note="added")
    return item


def create_action(item, values, by):
    """A new action on `item` (version 1), recorded in its history."""
    with transaction.atomic():
        action = Action(item=item)
        _apply(action, _given(Action, values))
        action.save()
        _record(action, item, by, before={}, note="added")
        notifications.action_changed(action, by, added=True)
    return action


def save(obj, base_version, values, by):
    """Save a person's edit of an item or action, started from `base_version`.

    Locks the row, so two saves of one record are taken one after the other; the second
    is merged with the first. Returns `Saved`; with conflicts nothing is written.
    """
    model = type(obj)
    mine = state_from_values(model, values)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=obj.pk)
        if not 1 <= base_version <= current.version:
            raise StaleVersion(base_version)
        theirs = state_of(current)
        if base_version == current.version:
            result = Merge(values=mine)
        else:
            base = _change_for(current, base_version).state
            result = merge(base, mine, theirs, text_fields(model))
        if result.conflicts:
            return Saved(current, False, result, current_state=theirs, current_version=current.version)
        if result.values == theirs:
            return Saved(current, False, result)
        _apply(current, result.values)
        current.version += 1
        current.updated_at = timezone.now()
        current.save()
        item = current if isinstance(current, Item) else current.item
        note = f"merged with version {base_version + 1}" if base_version < current.version - 1 else ""
        _record(current, item, by, before=theirs, note=note)
        if isinstance(current, Action) and theirs["status"] != current.status:
            notifications.action_changed(current, by)
        if isinstance(current, Item):
            editing.item_saved(current, by)
    return Saved(current, True, result, merged=bool(note))


def _change_for(obj, version):
    if isinstance(obj, Action):
        return Change.objects.get(action=obj, version=version)
    return Change.objects.get(item=obj, action__isnull=True, version=version)


def restore(obj, version, by):
    """Make an earlier version of an item or action the current one again; recorded as a new version."""
    model = type(obj)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=obj.pk)
        old = _change_for(current, version).state
        before = state_of(current)
        _apply(current, old)
        current.version += 1
        current.updated_at = timezone.now()
        current.save()
        item = current if isinstance(current, Item) else current.item
        _record(current, item, by, before=before, note=f"restored version {version}")
        if isinstance(current, Action) and before["status"] != current.status:
            notifications.action_changed(current, by)
        if isinstance(current, Item):
            editing.item_saved(current, by)
    return current


# Figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    items: int
    with_action: int
    done: int
    overdue: int
    median_days_to_first_action: float | None


def figures(items, today=None):
    """The document's figures over `items` (with their actions prefetched).

    Done: items whose every action is finished, at least one of them done. Overdue:
    items with an unfinished action past its due date. The median counts the days from
    the day it was said to the day its first action was added.
    """
    today = today or timezone.localdate()
    items = list(items)
    with_action = [item for item in items if item.actions.all()]
    days = [
        (timezone.localdate(min(a.created_at for a in item.actions.all())) - item.said_on).days
        for item in with_action
    ]
    return Figures(
        items=len(items),
        with_action=len(with_action),
        done=sum(1 for item in items if item.status() == ActionStatus.DONE),
        overdue=sum(1 for item in items if any(a.is_overdue(today) for a in item.actions.all())),
        median_days_to_first_action=statistics.median(days) if days else None,
    )


def published_figures(documents, today=None):
    """{document id: Figures} over each document's published items: two queries, however many documents."""
    by_document = defaultdict(list)
    items = Item.objects.filter(document__in=[d.pk for d in documents], published=True)
    for item in items.prefetch_related("actions"):
        by_document[item.document_id].append(item)
    return {document.pk: figures(by_document[document.pk], today) for document in documents}


def figures_in_words(counts):
    """The figures as one short sentence, e.g. for the home page."""
    said = ngettext("%(count)d thing people said", "%(count)d things people said", counts.items) % {
        "count": counts.items
    }
    return gettext("%(said)s: %(with_action)d with an action, %(done)d done, %(overdue)d overdue.") % {
        "said": said,
        "with_action": counts.with_action,
        "done": counts.done,
        "overdue": counts.overdue,
    }

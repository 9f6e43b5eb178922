"""An item's history as people read it: each saved version, who saved it, what changed and how."""

from dataclasses import dataclass

from diff_match_patch import diff_match_patch
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Action, Change, Item

FIELD_LABELS = {
    **{name: Item._meta.get_field(name).verbose_name for name in Item.EDITABLE},
    **{name: Action._meta.get_field(name).verbose_name for name in Action.EDITABLE},
}


@dataclass(frozen=True)
class FieldChange:
    label: str
    parts: list  # (kind, text): kind is "same", "added" or "removed"


@dataclass(frozen=True)
class Entry:
    change: Change
    subject: str  # "the item" or "an action: …"
    fields: list
    is_current: bool  # the version in force now: nothing to restore


def diff_parts(before, after):
    """The words removed and added between two values, for a readable diff."""
    before, after = _text(before), _text(after)
    dmp = diff_match_patch()
    diffs = dmp.diff_main(before, after)
    dmp.diff_cleanupSemantic(diffs)
    kinds = {dmp.DIFF_EQUAL: "same", dmp.DIFF_INSERT: "added", dmp.DIFF_DELETE: "removed"}
    return [(kinds[operation], text) for operation, text in diffs]


def _text(value):
    if value is None or value == "":
        return ""
    if value is True:
        return str(_("yes"))
    if value is False:
        return str(_("no"))
    return str(value)


def entries(item):
    """Every change to the item and its actions, newest first."""
    changes = Change.objects.filter(item=item).select_related("action", "changed_by__profile")
    found = []
    for change in changes.order_by("-changed_at", "-pk"):
        subject = (
            _("the item")
            if change.action_id is None
            else _("action: %(text)s") % {"text": change.action.text[:60]}
        )
        fields = [
            FieldChange(
                str(FIELD_LABELS.get(name, name)), diff_parts(change.before.get(name), change.after[name])
            )
            for name in change.fields
        ]
        current = item.version if change.action_id is None else change.action.version
        found.append(Entry(change, subject, fields, change.version == current))
    return found


def restore_from_post(item, data, by):
    """Restore the version named in a posted form (`change`: a change of this item); None if it is not one."""
    try:
        change = Change.objects.get(item=item, pk=int(data.get("change", "")))
    except (ValueError, Change.DoesNotExist):
        return None
    target = change.action or item
    return services.restore(target, change.version, by)

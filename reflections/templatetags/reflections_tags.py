"""Status in words and with a sign (never by colour alone), and the document's filters."""

from django import template
from django.utils.html import format_html

from ..models import ActionStatus

register = template.Library()

# A sign for each status, beside its name: the name carries the meaning, the sign helps scanning.
STATUS_SIGNS = {
    "no_action": "○",
    ActionStatus.PROPOSED: "◔",
    ActionStatus.AGREED: "◑",
    ActionStatus.IN_PROGRESS: "◕",
    ActionStatus.DONE: "✓",
    ActionStatus.NOT_DOING: "✗",
}


@register.simple_tag
def status_tag(status):
    from ..views import STATUS_LABELS

    return format_html(
        '<strong class="tag tag--{}"><span aria-hidden="true">{} </span>{}</strong>',
        status,
        STATUS_SIGNS.get(status, ""),
        STATUS_LABELS.get(status, status),
    )


@register.inclusion_tag("reflections/_filter_select.html")
def filter_select(name, label, everything, choices, chosen):
    return {"name": name, "label": label, "everything": everything, "choices": choices, "chosen": chosen}

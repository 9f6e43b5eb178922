"""Render form fields the same accessible way everywhere: label, hint, error, input."""

from django import forms, template

register = template.Library()


def field_kind(field):
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


@register.filter
def error_anchor(field):
    """The id an error summary link should point at: the first option of a group."""
    if field_kind(field) in ("radios", "checkboxes"):
        return f"{field.auto_id}_0"
    return field.id_for_label


def described_by(field):
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.inclusion_tag("includes/field.html")
def form_field(field, extra_class="", heading=False):
    """One field with its label (or legend), hint and error message."""
    kind = field_kind(field)
    describedby = described_by(field)
    attrs = {}
    if describedby:
        attrs["aria-describedby"] = describedby
    if field.errors:
        attrs["aria-invalid"] = "true"
    options = []
    if kind in ("radios", "checkboxes"):
        for option in field.subwidgets:
            options.append(
                {
                    "tag": option.tag(),
                    "id": option.id_for_label,
                    "label": option.choice_label,
                }
            )
    return {
        "field": field,
        "kind": kind,
        "widget": field.as_widget(attrs=attrs) if kind not in ("radios", "checkboxes") else "",
        "options": options,
        "describedby": describedby,
        "extra_class": extra_class,
        "heading": heading,
    }

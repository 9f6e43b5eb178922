"""Form fields every app builds the same way, with GOV.UK-style messages.

An email address field and a set of radio buttons are declared in many forms; these
builders keep their wording and their limits the same everywhere.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

EMAIL_FORMAT_MESSAGE = _("Enter an email address in the correct format, like name@example.com")


def email_field(label, required_message, help_text="", own_address=False, **kwargs):
    """An email address (at most 254 characters), typed without spelling correction.

    `own_address`: the person's own address, which the browser may fill in for them
    (WCAG 1.3.5); someone else's address is never autocompleted as theirs.
    """
    attrs = {"spellcheck": "false", "autocomplete": "email" if own_address else "off"}
    kwargs.setdefault("widget", forms.EmailInput(attrs=attrs))
    return forms.EmailField(
        label=label,
        help_text=help_text,
        max_length=254,
        error_messages={"required": required_message, "invalid": EMAIL_FORMAT_MESSAGE},
        **kwargs,
    )


def radio_field(label, choices, required_message, invalid_message=None, **kwargs):
    """One choice from a short list, shown as radio buttons."""
    messages = {"required": required_message}
    if invalid_message:
        messages["invalid_choice"] = invalid_message
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, error_messages=messages, **kwargs
    )


def text_area_field(label, required_message, max_length=2000, rows=4, help_text="", **kwargs):
    """Several lines of text, up to `max_length` characters."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message},
        **kwargs,
    )


def radio_model_field(label, required_message, invalid_message, queryset=None, **kwargs):
    """One of a short list of records, shown as radio buttons; a record not offered gets `invalid_message`."""
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": invalid_message},
        **kwargs,
    )

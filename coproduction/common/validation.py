"""Rules for the text people type into the public site's forms.

Every text field refuses invisible control characters (PostgreSQL cannot even store a
NUL byte) and has a length cap, each with a plain message that names the field. A form
gets both by putting `TextRulesMixin` first among its bases; the rules run before any
of the form's own checks, so nothing reaches the database until they pass. The text is
kept in the form, so the person sees what they typed and can correct it.
"""

import re

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The longest address the User.email column holds (and RFC 5321 allows in a path).
EMAIL_MAX_LENGTH = 254
# Caps for fields whose form gives none.
PASSWORD_MAX_LENGTH = 128
SINGLE_LINE_MAX_LENGTH = 500
MULTI_LINE_MAX_LENGTH = 10_000

# C0 controls, DEL, C1 controls and lone surrogates (no valid UTF-8 carries one).
SINGLE_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# A multi-line field also keeps tab, line feed and carriage return.
MULTI_LINE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

INVALID_CHOICE_MESSAGE = gettext_lazy("Choose one of the options listed for \u201c%(field)s\u201d")


def has_control_character(text, multiline=False):
    """True if `text` holds a character nobody can see or type on purpose."""
    pattern = MULTI_LINE_CONTROL if multiline else SINGLE_LINE_CONTROL
    return pattern.search(text) is not None


def field_name(field):
    """The field's label as a message can quote it: "Organisation (optional)" is "Organisation"."""
    label = str(field.label or "").strip()
    return re.sub(r"\s*\([^)]*\)$", "", label).rstrip(":").strip()


class RefuseControlCharacters:
    """Refuse text holding a control character, naming the field."""

    code = "control_character"

    def __init__(self, field, multiline):
        self.field = field
        self.multiline = multiline

    def __call__(self, value):
        if has_control_character(str(value), self.multiline):
            name = field_name(self.field)
            message = (
                _(
                    "Remove the invisible control character from \u201c%(field)s\u201d. "
                    "It can come in when text is copied and pasted."
                )
                % {"field": name}
                if name
                else _(
                    "Remove the invisible control character from your answer. "
                    "It can come in when text is copied and pasted."
                )
            )
            raise ValidationError(message, code=self.code)


class CapLength:
    """Refuse text longer than `limit` characters, saying the limit and how long it is.

    A field's own "max_length" message replaces this one; it may use %(limit_value)d
    and %(show_value)d, as Django's own validator gives them.
    """

    code = "max_length"

    def __init__(self, field, limit):
        self.field = field
        self.limit = limit

    def __call__(self, value):
        length = len(value)
        if length <= self.limit:
            return
        if self.code in self.field.error_messages:
            raise ValidationError(
                self.field.error_messages[self.code],
                code=self.code,
                params={"limit_value": self.limit, "show_value": length},
            )
        name = field_name(self.field)
        numbers = {"limit_value": f"{self.limit:,}", "show_value": f"{length:,}"}
        message = (
            _(
                "\u201c%(field)s\u201d must be %(limit_value)s characters or fewer. "
                "It has %(show_value)s characters."
            )
            if name
            else _(
                "Your answer must be %(limit_value)s characters or fewer. It has %(show_value)s characters."
            )
        ) % {"field": name, **numbers}
        # Another code than the field's own, so Django keeps this wording.
        raise ValidationError(message, code="text_too_long")


def length_cap(field):
    """The most characters a text field takes: its own cap, or a default for its kind."""
    widget = field.widget
    if isinstance(field, forms.EmailField) or isinstance(widget, forms.EmailInput):
        return min(field.max_length or EMAIL_MAX_LENGTH, EMAIL_MAX_LENGTH)
    if field.max_length is not None:
        return field.max_length
    if isinstance(widget, forms.PasswordInput):
        return PASSWORD_MAX_LENGTH
    if isinstance(widget, forms.Textarea):
        return MULTI_LINE_MAX_LENGTH
    return SINGLE_LINE_MAX_LENGTH


def _not_offered_if_nul(field):
    def refuse(value):
        if "\x00" in str(value):
            raise ValidationError(
                field.error_messages["invalid_choice"], code="invalid_choice", params={"value": ""}
            )

    return refuse


def apply_text_rules(field):
    """Give one form field the rules; running it twice changes nothing more."""
    if isinstance(field, forms.ChoiceField):
        # Django's own wording repeats the value, which may be 100,000 characters long.
        djangos = {
            str(forms.ChoiceField.default_error_messages["invalid_choice"]),
            str(forms.MultipleChoiceField.default_error_messages["invalid_choice"]),
        }
        message = field.error_messages.get("invalid_choice")
        ours = getattr(field, "_text_rules_message", None)
        if message is not None and (str(message) in djangos or message == ours):
            # Django formats this message with the value, so a % in the label is doubled.
            field._text_rules_message = INVALID_CHOICE_MESSAGE % {
                "field": field_name(field).replace("%", "%%")
            }
            field.error_messages["invalid_choice"] = field._text_rules_message
        if isinstance(field, forms.ModelChoiceField):
            # A NUL in an id is a value not offered: say so in the field's own words, not
            # Django's "Null characters are not allowed".
            field.validate_no_null_characters = _not_offered_if_nul(field)
        return
    if not isinstance(field, forms.CharField):
        return
    field.max_length = length_cap(field)
    if "maxlength" in field.widget.attrs:
        field.widget.attrs["maxlength"] = str(field.max_length)
    replaced = (
        validators.MaxLengthValidator,
        validators.ProhibitNullCharactersValidator,
        RefuseControlCharacters,
        CapLength,
    )
    field.validators = [v for v in field.validators if not isinstance(v, replaced)]
    multiline = isinstance(field.widget, forms.Textarea)
    field.validators += [RefuseControlCharacters(field, multiline), CapLength(field, field.max_length)]


class OneValueEachMixin:
    """Refuses a field sent more than once, and a value sent twice to a list field.

    A browser never sends either, but a hand-made request could, to count one person's
    choice several times. A field may name its own messages: "repeated" (the field sent
    more than once) and "repeated_choice" (with %(choice)s, a value sent twice).
    """

    def clean(self):
        cleaned = super().clean()
        if hasattr(self.data, "getlist"):
            for name, field in self.fields.items():
                message = self._repeat_error(field, self.data.getlist(self.add_prefix(name)))
                if message and name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    def _repeat_error(self, field, values):
        if isinstance(field, forms.MultipleChoiceField):
            seen = set()
            for value in values:
                if value in seen:
                    label = dict((str(k), v) for k, v in field.choices).get(value, value)
                    message = field.error_messages.get(
                        "repeated_choice",
                        _("You chose \u201c%(choice)s\u201d more than once. Choose it once."),
                    )
                    return message % {"choice": label}
                seen.add(value)
            return None
        if len(values) > 1:
            return field.error_messages.get(
                "repeated", _("Send \u201c%(label)s\u201d once only") % {"label": field.label}
            )
        return None


class TextRulesMixin(OneValueEachMixin):
    """Put first among a form's bases: every text field refuses invisible control
    characters and has a length cap, with messages that name the field; no field or
    choice counts twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Now, so the page shows each field's cap in its maxlength...
        self.apply_text_rules()

    def full_clean(self):
        # ...and again here, for caps and labels a subclass's __init__ set after this one's.
        self.apply_text_rules()
        super().full_clean()

    def apply_text_rules(self):
        for field in self.fields.values():
            apply_text_rules(field)

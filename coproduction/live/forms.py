"""Live session form posts (the no-JavaScript way to act), checked before anything is stored.

Each action's text box is a form field, so a refused post shows the page again with the
error summary and the field's own error, and keeps what the person typed.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .protocol import CLIENT_MESSAGES, ProtocolError

LINE_BREAKS_AND_TABS = "\t\n\r"
ACTION_ID_MAX_LENGTH = 64


def control_characters_in(text, allowed=LINE_BREAKS_AND_TABS):
    """The control characters in `text` (NUL and the like), apart from those allowed."""
    return [c for c in text if unicodedata.category(c) == "Cc" and c not in allowed]


def without_control_characters(text):
    return "".join(c for c in text if not control_characters_in(c))


def _limit(action_type, field_name):
    return CLIENT_MESSAGES[action_type].fields[field_name].max_length


class KeepTypedText:
    """Shows the text again as it was typed, less the characters that cannot be stored."""

    def format_value(self, value):
        value = super().format_value(value)
        return without_control_characters(value) if isinstance(value, str) else value


class TypedTextInput(KeepTypedText, forms.TextInput):
    pass


class TypedTextarea(KeepTypedText, forms.Textarea):
    pass


class LiveText(forms.CharField):
    """A text box of a live action: no control characters, and its limit said in plain words."""

    def __init__(self, *, what, limit, **kwargs):
        self.what = what
        self.limit = limit
        super().__init__(**kwargs)

    def validate(self, value):
        what = str(self.what)
        if value in self.empty_values:
            if self.required:
                raise ValidationError(gettext("Enter %(what)s") % {"what": what}, code="required")
            return
        if control_characters_in(value):
            raise ValidationError(
                gettext(
                    "%(what)s had characters that cannot be used, such as invisible control "
                    "characters. They have been taken out: check it and send it again."
                )
                % {"what": capfirst(what)},
                code="control_characters",
            )
        if len(value) > self.limit:
            raise ValidationError(
                gettext("%(what)s must be %(limit)s characters or fewer. You have %(over)s too many.")
                % {
                    "what": capfirst(what),
                    "limit": f"{self.limit:,}",
                    "over": ngettext("%(n)s character", "%(n)s characters", len(value) - self.limit)
                    % {"n": f"{len(value) - self.limit:,}"},
                },
                code="max_length",
            )


class LiveActionForm(forms.Form):
    """What every live form post carries: the action's type, its id and its fields.

    A post that names a field twice is refused whole: which value was meant cannot be
    known, and acting on either could count one click twice.
    """

    text_field = None  # the name of the action's text box, if it has one
    id_prefix = "id"  # the text box's id on the page is "<id_prefix>-<name>"
    use_required_attribute = False  # errors come from the server, in the error summary
    list_fields = ()  # fields that may be sent more than once, as a list (ticked checkboxes)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id=f"{self.id_prefix}-%s", **kwargs)

    def clean(self):
        repeated = sorted(
            {name for name, values in self.data.lists() if len(values) > 1 and name not in self.list_fields}
        )
        if repeated:
            raise ValidationError(
                gettext(
                    "The form was sent with more than one %(fields)s, so nothing was changed. "
                    "Refresh the page and try again."
                )
                % {"fields": gettext(" and ").join(f"\u201c{name}\u201d" for name in repeated)},
                code="repeated_field",
            )
        action_id = self.data.get("id") or ""
        if len(action_id) > ACTION_ID_MAX_LENGTH or control_characters_in(action_id, allowed=""):
            raise ValidationError(
                gettext(
                    "Something went wrong with this form, so nothing was changed. "
                    "Refresh the page and try again."
                ),
                code="bad_id",
            )
        schema = CLIENT_MESSAGES.get(self.data.get("type") or "")
        if schema is None or not schema.action:
            raise ValidationError(gettext("That is not something you can do here."), code="unknown_type")
        return super().clean()

    def message(self):
        """The protocol message this post stands for; it is then checked like any WebSocket message."""
        action_type = self.data["type"]
        message = {"type": action_type, "id": self.data.get("id") or None}
        for name, spec in CLIENT_MESSAGES[action_type].fields.items():
            if name == self.text_field:
                if self.cleaned_data[name]:
                    message[name] = self.cleaned_data[name]
            elif name in self.list_fields:
                if name in self.data:
                    values = self.data.getlist(name)
                    message[name] = values if len(values) > 1 else values[0]
            elif spec.kind is bool:
                # As in any HTML form, an unticked box is left out of the post: absent means no.
                message[name] = self.data.get(name) in ("on", "true", "1")
            elif name in self.data:
                message[name] = self.data[name]
                if spec.kind is int:
                    try:
                        message[name] = int(self.data[name])
                    except ValueError:
                        raise ProtocolError("wrong_type", gettext("That is not a valid choice.")) from None
        return message


class RaiseHandForm(LiveActionForm):
    """Raise a hand, with an optional note for the chair."""

    text_field = "note"
    id_prefix = "hand"
    note = LiveText(
        what=_("your note for the chair"),
        limit=_limit("raise_hand", "note"),
        required=False,
        label=_("A note for the chair (optional)"),
        help_text=_(
            "For example: \u201cI will type my point\u201d or \u201cI use a communication aid, "
            "please allow time\u201d."
        ),
        widget=TypedTextInput(attrs={"maxlength": _limit("raise_hand", "note")}),
    )


class AskQuestionForm(LiveActionForm):
    """Write a question or comment to the chair."""

    text_field = "text"
    id_prefix = "question"
    text = LiveText(
        what=_("your question or comment"),
        limit=_limit("ask_question", "text"),
        label=_("Your question or comment"),
        help_text=_("Only the chair sees it. They may read it out."),
        widget=TypedTextarea(attrs={"rows": 4, "data-shortcut-target": "write"}),
    )


class CaptionForm(LiveActionForm):
    """A captioner's line of captions."""

    text_field = "text"
    id_prefix = "caption"
    text = LiveText(
        what=_("the caption line"),
        limit=_limit("caption", "text"),
        label=_("Caption line"),
        widget=TypedTextarea(attrs={"rows": 2, "data-enter-sends": ""}),
    )


class AnnounceForm(LiveActionForm):
    """The chair's announcement to everyone."""

    text_field = "text"
    id_prefix = "announce"
    text = LiveText(
        what=_("the announcement"),
        limit=_limit("announce", "text"),
        label=_("Announcement to everyone"),
        widget=TypedTextInput(attrs={"maxlength": _limit("announce", "text")}),
    )


TEXT_FORMS = {
    "raise_hand": RaiseHandForm,
    "ask_question": AskQuestionForm,
    "caption": CaptionForm,
    "announce": AnnounceForm,
}


def register_form(action_type):
    """Give another app's action its own form (a LiveActionForm), so a refused post keeps
    what was typed in its boxes: use it as a class decorator."""

    def register(form_class):
        TEXT_FORMS[action_type] = form_class
        return form_class

    return register


def form_for_post(data):
    """The form for a posted action: its text box's form, or the plain one."""
    return TEXT_FORMS.get(data.get("type"), LiveActionForm)(data)

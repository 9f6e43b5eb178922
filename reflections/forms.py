"""Forms the advisory group uses on the public site: items, actions, comments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduction.common.fields import radio_field, radio_model_field, text_area_field
from coproduction.common.validation import TextRulesMixin

from .models import Action, ActionStatus, Audience, Item

# The browser's date picker reads and sends ISO dates, whatever the language of the page.
DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class VersionedForm(TextRulesMixin, forms.ModelForm):
    """An edit of an item or action that names the version it started from (a hidden field)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def started_from(self, default):
        return self.cleaned_data.get("version") or default


class ItemForm(VersionedForm):
    """What was said, where it came from, the outcome wanted, who it is for."""

    audience = radio_field(
        _("Who it is for"), Audience.choices, _("Choose who it is for"), initial=Audience.GROUP
    )

    class Meta:
        model = Item
        fields = Item.EDITABLE
        widgets = {
            "you_said": forms.Textarea(attrs={"rows": 4}),
            "outcome_wanted": forms.Textarea(attrs={"rows": 3}),
            "said_on": DATE_INPUT,
        }
        labels = {"meeting": _("Meeting it came from (optional)")}
        help_texts = {
            "you_said": _("In the group's words. Do not name anyone who did not agree to be named."),
            "outcome_for": _("For example: people who use wheelchairs, carers, the whole group."),
            "project": _("Only if it is for a named project."),
        }
        error_messages = {
            "you_said": {"required": _("Enter what was said")},
            "said_on": {
                "required": _("Enter the date it was said"),
                "invalid": _("Enter the date it was said as a real date, like 12 3 2026"),
            },
            "meeting": {"invalid_choice": _("Choose a meeting of this group")},
        }

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document
        self.fields["meeting"].queryset = document.meetings.all()
        self.fields["meeting"].empty_label = _("Not from a meeting")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience") == Audience.PROJECT and not cleaned.get("project"):
            self.add_error("project", _("Enter the name of the project"))
        return cleaned


class ActionForm(VersionedForm):
    """What we did or will do, its owner, dates and status; "not doing" needs a reason."""

    status = radio_field(
        _("Status"), ActionStatus.choices, _("Choose a status"), initial=ActionStatus.PROPOSED
    )

    class Meta:
        model = Action
        fields = Action.EDITABLE
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 3}),
            "due_date": DATE_INPUT,
            "review_date": DATE_INPUT,
        }
        help_texts = {
            "owner": _("A person or team, for example: the engagement lead."),
            "reason": _("Needed if we are not doing it: people are owed an honest answer."),
        }
        error_messages = {
            "text": {"required": _("Enter what we did or will do")},
            "owner": {"required": _("Enter who owns this action")},
            "due_date": {"invalid": _("Enter the due date as a real date, like 30 6 2026")},
            "review_date": {"invalid": _("Enter the review date as a real date, like 30 9 2026")},
        }

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == ActionStatus.NOT_DOING and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason we are not doing it"))
        due = cleaned.get("due_date")
        if due and due < self.item.said_on:
            self.add_error(
                "due_date",
                _("The due date must be on or after %(date)s, when this was said")
                % {"date": f"{self.item.said_on:%-d %B %Y}"},
            )
        return cleaned


class CommentForm(TextRulesMixin, forms.Form):
    """A comment in the group's discussion of an item."""

    text = text_area_field(_("Your comment"), _("Enter your comment"), rows=3)


class SendToReflectionsForm(TextRulesMixin, forms.Form):
    """Make a "you said" item from something said elsewhere on the site, in a chosen document."""

    document = radio_model_field(
        _("Which document"), _("Choose a document"), _("Choose one of the documents listed")
    )
    you_said = text_area_field(
        _("You said"),
        _("Enter what was said"),
        help_text=_("In the words people used. The group can change it later."),
    )

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents

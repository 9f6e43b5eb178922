"""Forms for answering one question, submitting, asking for formats and moderating."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduction.common.fields import EMAIL_FORMAT_MESSAGE, email_field, radio_field
from coproduction.common.validation import MULTI_LINE_MAX_LENGTH, TextRulesMixin
from coproduction.members.models import User

from .kinds import kind_for
from .models import ResponseChannel
from .models.pages import FormatChoice, FormatRequest
from .models.responses import ModerationStatus


class AnswerForm(TextRulesMixin, forms.Form):
    """The fields for one question, as its kind gives them, with an error message for each mistake."""

    def __init__(self, question, *args, easy_read=False, **kwargs):
        self.question = question
        self.kind = kind_for(question)
        self.easy_read = easy_read
        super().__init__(*args, **kwargs)
        self.fields.update(self.kind.form_fields(question, easy_read))

    def clean(self):
        cleaned = super().clean()
        for name, message in self.kind.clean(self.question, cleaned, invalid=frozenset(self.errors)):
            self.add_error(name, message)
        return cleaned

    def value(self):
        """The validated answer as an AnswerValue."""
        return self.kind.value(self.question, self.cleaned_data)

    @classmethod
    def initial_for(cls, question, value):
        """Form initial data from a saved AnswerValue, so a person sees what they gave."""
        if value is None:
            return {}
        return kind_for(question).initial(question, value)


class SubmitForm(TextRulesMixin, forms.Form):
    """The last step: agree (or not) to the person's words being published."""

    publish_consent = forms.BooleanField(
        label=_("You may publish my written answers, with any names taken out"),
        required=False,
        help_text=_("If you leave this unticked, we will still read and count your answers."),
    )


class FormatRequestForm(TextRulesMixin, forms.ModelForm):
    """Ask for the consultation in large print, BSL, easy read, another language..."""

    class Meta:
        model = FormatRequest
        fields = ["name", "format", "language", "email", "phone", "postal_address", "details"]
        widgets = {
            "format": forms.RadioSelect,
            "postal_address": forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
            "details": forms.Textarea(attrs={"rows": 4}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        labels = {
            "name": _("Your name"),
            "format": _("Which format do you need?"),
            "language": _("Which language? (if you chose another language)"),
            "email": _("Email address (optional)"),
            "phone": _("Phone number (optional)"),
            "postal_address": _("Postal address (optional)"),
            "details": _("Anything else we should know (optional)"),
        }
        help_texts = {"email": _("Give at least one way for us to reach you.")}
        error_messages = {
            "name": {"required": _("Enter your name")},
            "format": {
                "required": _("Choose a format"),
                "invalid_choice": _("Choose a format from the list"),
            },
            "email": {"invalid": EMAIL_FORMAT_MESSAGE},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = FormatChoice.choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("format") == FormatChoice.LANGUAGE and not cleaned.get("language"):
            self.add_error("language", _("Say which language you need"))
        if not (cleaned.get("email") or cleaned.get("phone") or cleaned.get("postal_address")):
            if "email" not in self.errors:
                self.add_error("email", _("Give an email address, a phone number or a postal address"))
        return cleaned


class SupportedResponseForm(TextRulesMixin, forms.Form):
    """Start entering a response on someone's behalf: who, how they gave it, and consent."""

    member_email = email_field(
        _("Email address of the person you are answering for"),
        _("Enter the email address of the person you are answering for"),
    )
    channel = radio_field(
        _("How did they give their answers?"),
        ResponseChannel.choices,
        _("Choose how they gave their answers"),
    )
    consent = forms.BooleanField(
        label=_("They agreed to me entering these answers for them"),
        error_messages={"required": _("Confirm the person agreed to you entering their answers")},
    )

    def __init__(self, *args, allowed_members=None, **kwargs):
        # None: any member (board staff); otherwise only these (a named supporter).
        self.allowed_members = allowed_members
        super().__init__(*args, **kwargs)

    def clean_member_email(self):
        email = self.cleaned_data["member_email"].lower()
        member = User.objects.filter(email__iexact=email, is_active=True).first()
        if member is None or (self.allowed_members is not None and member not in self.allowed_members):
            raise forms.ValidationError(
                _("You cannot answer for this person. They need to add you as a supporter on their profile.")
                if self.allowed_members is not None
                else _("There is no member with this email address")
            )
        self.member = member
        return email


class ModerationForm(TextRulesMixin, forms.Form):
    """Publish or hide one written answer, with names taken out and themes tagged."""

    status = radio_field(_("Decision"), ModerationStatus.choices, _("Choose a decision"))
    published_text = forms.CharField(
        label=_("Words to publish"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Take out names and anything that could identify someone."),
    )
    redaction_reason = forms.CharField(
        label=_("Why you changed the words"),
        required=False,
        max_length=300,
        error_messages={"max_length": _("The reason must be 300 characters or fewer")},
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
        error_messages={"invalid_choice": _("Choose themes from the list")},
    )

    def __init__(self, answer, themes, *args, **kwargs):
        self.answer = answer
        super().__init__(*args, **kwargs)
        # Room for the whole answer, whatever limit its question has.
        self.fields["published_text"].max_length = max(answer.question.max_length, MULTI_LINE_MAX_LENGTH)
        self.fields["themes"].choices = [(str(t.pk), t.name) for t in themes]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == ModerationStatus.APPROVED:
            if not self.answer.response.publish_consent:
                self.add_error("status", _("This person did not agree to their words being published"))
            text = (cleaned.get("published_text") or "").strip()
            if not text:
                self.add_error("published_text", _("Enter the words to publish"))
            elif text != self.answer.text.strip() and not cleaned.get("redaction_reason"):
                self.add_error("redaction_reason", _("Say why you changed the words"))
        return cleaned


class ThemeForm(TextRulesMixin, forms.Form):
    """Name a new theme found in the written answers."""

    name = forms.CharField(
        label=_("New theme"),
        max_length=120,
        error_messages={
            "required": _("Enter a name for the theme"),
            "max_length": _("The theme name must be 120 characters or fewer"),
        },
    )
    description = forms.CharField(label=_("What the theme covers (optional)"), required=False, max_length=500)

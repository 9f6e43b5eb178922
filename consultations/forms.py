"""Forms for answering one question, submitting, asking for formats and moderating."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduction.members.models import User
from home.validation import MULTI_LINE_MAX_LENGTH, TextRulesMixin

from .models import QuestionKind, ResponseChannel
from .models.pages import FormatChoice, FormatRequest
from .models.responses import ModerationStatus
from .services import AnswerValue

OTHER = "other"


class AnswerForm(TextRulesMixin, forms.Form):
    """The fields for one question, by its kind, with an error message for each mistake."""

    def __init__(self, question, *args, easy_read=False, **kwargs):
        self.question = question
        self.easy_read = easy_read
        self.choices = list(question.choices.all())
        super().__init__(*args, **kwargs)
        wording = question.wording(easy_read)
        required = question.required
        options = [(str(c.pk), c.wording(easy_read)) for c in self.choices]
        kind = question.kind
        if kind == QuestionKind.SINGLE:
            self.fields["answer"] = forms.ChoiceField(
                label=wording,
                choices=options,
                widget=forms.RadioSelect,
                required=required,
                help_text=question.hint,
                error_messages={
                    "required": _("Choose an answer"),
                    "invalid_choice": _("Choose one of the answers listed"),
                    "repeated": _("Choose only one answer"),
                },
            )
        elif kind == QuestionKind.MULTIPLE:
            if question.allow_other:
                options.append((OTHER, _("Other")))
            self.fields["answer"] = forms.MultipleChoiceField(
                label=wording,
                choices=options,
                widget=forms.CheckboxSelectMultiple,
                required=required,
                help_text=question.hint or _("Choose all that apply."),
                error_messages={
                    "required": _("Choose at least one answer"),
                    "invalid_choice": _("Choose answers from the list"),
                    "repeated_choice": _(
                        "You chose \u201c%(choice)s\u201d more than once. Choose each answer once."
                    ),
                },
            )
            if question.allow_other:
                self.fields["other_text"] = forms.CharField(
                    label=_("If you chose \u201cother\u201d, please say what"),
                    required=False,
                    widget=forms.TextInput,
                    max_length=300,
                    error_messages={
                        "max_length": _("Your other answer must be 300 characters or fewer"),
                        "repeated": _("Write only one other answer"),
                    },
                )
        elif kind == QuestionKind.RATING:
            self.fields["answer"] = forms.TypedChoiceField(
                label=wording,
                coerce=int,
                widget=forms.RadioSelect,
                required=required,
                choices=[(str(v), f"{v} \u2013 {label}") for v, label in question.rating_scale()],
                help_text=question.hint,
                error_messages={
                    "required": _("Choose a rating from 1 to 5"),
                    "invalid_choice": _("Choose a rating from 1 to 5"),
                    "repeated": _("Choose only one rating"),
                },
            )
        elif kind == QuestionKind.RANKING:
            positions = [("", _("Choose a position"))] + [
                (str(n), str(n)) for n in range(1, len(self.choices) + 1)
            ]
            for choice in self.choices:
                self.fields[f"rank_{choice.pk}"] = forms.TypedChoiceField(
                    label=_("Position for \u201c%(choice)s\u201d") % {"choice": choice.wording(easy_read)},
                    choices=positions,
                    coerce=int,
                    required=False,
                    error_messages={
                        "invalid_choice": _("Choose a position from the list"),
                        "repeated": _("Give \u201c%(choice)s\u201d only one position")
                        % {"choice": choice.wording(easy_read)},
                    },
                )
        else:
            self.fields["answer"] = forms.CharField(
                label=wording,
                widget=forms.Textarea(attrs={"rows": 8}),
                required=required,
                help_text=question.hint,
                strip=True,
                max_length=question.max_length,
                error_messages={
                    "required": _("Write your answer"),
                    "repeated": _("Send only one answer to this question"),
                    "max_length": _(
                        "Your answer must be %(limit_value)s characters or fewer. "
                        "It has %(show_value)s characters."
                    ),
                },
            )
            # The character count shows the limit as the person types; the browser must not
            # cut a pasted answer short without saying so.
            self.fields["answer"].widget.attrs.pop("maxlength", None)

    def clean(self):
        cleaned = super().clean()
        question = self.question
        if question.kind == QuestionKind.MULTIPLE and question.allow_other:
            chosen = cleaned.get("answer") or []
            if OTHER in chosen and not cleaned.get("other_text") and "other_text" not in self.errors:
                self.add_error("other_text", _("Say what your other answer is, or untick \u201cOther\u201d"))
        elif question.kind == QuestionKind.RANKING:
            ranks = {c.pk: cleaned.get(f"rank_{c.pk}") for c in self.choices}
            given = [r for r in ranks.values() if r]
            if question.required and len(given) < len(self.choices):
                for choice in self.choices:
                    if not ranks[choice.pk] and f"rank_{choice.pk}" not in self.errors:
                        self.add_error(
                            f"rank_{choice.pk}",
                            _("Choose a position for \u201c%(choice)s\u201d") % {"choice": choice.text},
                        )
            elif given and len(given) < len(self.choices):
                self.add_error(None, _("Give every item a position, or leave them all blank"))
            seen = {}
            for choice in self.choices:
                rank = ranks[choice.pk]
                if rank and rank in seen:
                    self.add_error(
                        f"rank_{choice.pk}",
                        _(
                            "Position %(rank)s is also given to \u201c%(other)s\u201d. "
                            "Give each position once."
                        )
                        % {"rank": rank, "other": seen[rank].text},
                    )
                elif rank:
                    seen[rank] = choice
        return cleaned

    def value(self):
        """The validated answer as an AnswerValue."""
        data = self.cleaned_data
        kind = self.question.kind
        by_pk = {str(c.pk): c for c in self.choices}
        if kind == QuestionKind.SINGLE:
            choice = by_pk.get(data.get("answer") or "")
            return AnswerValue(choices=((choice, None),) if choice else ())
        if kind == QuestionKind.MULTIPLE:
            chosen = data.get("answer") or []
            other = data.get("other_text", "") if OTHER in chosen else ""
            return AnswerValue(
                other_text=other, choices=tuple((by_pk[pk], None) for pk in chosen if pk in by_pk)
            )
        if kind == QuestionKind.RATING:
            return AnswerValue(rating=data.get("answer") or None)
        if kind == QuestionKind.RANKING:
            ranked = [(c, data.get(f"rank_{c.pk}")) for c in self.choices if data.get(f"rank_{c.pk}")]
            return AnswerValue(choices=tuple(sorted(ranked, key=lambda pair: pair[1])))
        return AnswerValue(text=data.get("answer") or "")

    @classmethod
    def initial_for(cls, question, value):
        """Form initial data from a saved AnswerValue, so a person sees what they gave."""
        if value is None:
            return {}
        kind = question.kind
        if kind == QuestionKind.SINGLE:
            return {"answer": str(value.choices[0][0].pk)} if value.choices else {}
        if kind == QuestionKind.MULTIPLE:
            chosen = [str(c.pk) for c, _r in value.choices] + ([OTHER] if value.other_text else [])
            return {"answer": chosen, "other_text": value.other_text}
        if kind == QuestionKind.RATING:
            return {"answer": str(value.rating)} if value.rating else {}
        if kind == QuestionKind.RANKING:
            return {f"rank_{c.pk}": str(r) for c, r in value.choices}
        return {"answer": value.text}


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
            "email": {"invalid": _("Enter an email address in the correct format, like name@example.com")},
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

    member_email = forms.EmailField(
        label=_("Email address of the person you are answering for"),
        error_messages={
            "required": _("Enter the email address of the person you are answering for"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    channel = forms.ChoiceField(
        label=_("How did they give their answers?"),
        widget=forms.RadioSelect,
        choices=ResponseChannel.choices,
        error_messages={"required": _("Choose how they gave their answers")},
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

    status = forms.ChoiceField(
        label=_("Decision"),
        choices=ModerationStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision")},
    )
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

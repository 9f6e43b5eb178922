"""Forms for registering (access first), marking attendance, the harvest and its themes."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField

from coproduction.common.validation import TextRulesMixin

from .models import (
    AccessRequirement,
    AttendanceMode,
    CafeRound,
    CafeTable,
    CafeTheme,
    EventFormat,
    RemoteContribution,
)
from .models.worldcafe import MAX_THEMES


def let_people_type_past_the_limit(form):
    """Text areas take any length in the browser and the form says how much to cut, rather
    than the browser silently dropping what is pasted past the limit."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs.pop("maxlength", None)


class RegistrationForm(TextRulesMixin, forms.Form):
    """Register for an event: how you will take part, the access you need, and consent.

    Starts from the member's profile; they can change it for this event and save it back.
    """

    attendance_mode = forms.ChoiceField(
        label=_("How will you take part?"),
        choices=AttendanceMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you will take part")},
    )
    access_requirements = forms.MultipleChoiceField(
        label=_("What do you need to take part?"),
        choices=AccessRequirement.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick all that apply. Only you and the organisers who arrange access will see this."),
    )
    other_access_requirements = forms.CharField(
        label=_("Anything else you need (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: a chair with arms, papers a week before, a seat near the door."),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    brings_supporter = forms.BooleanField(
        label=_("A Personal Assistant or supporter is coming with me"),
        required=False,
        help_text=_("Their place is free and does not take a place from anyone else."),
    )
    lived_experience = forms.BooleanField(
        label=_("I am taking part as someone with lived experience"),
        required=False,
        help_text=_("So that we pay you for your time."),
    )
    contact_consent = forms.BooleanField(
        label=_("You may contact me about this event, for example if the plans change"),
        required=False,
    )
    save_to_profile = forms.BooleanField(
        label=_("Save what I need to my profile, for next time"),
        required=False,
        help_text=_("BSL, easy read, large print and anything else you wrote go on your profile."),
    )

    def __init__(self, *args, event, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)
        if event.event_format != EventFormat.HYBRID:
            # Only one way to take part: nothing to ask.
            del self.fields["attendance_mode"]
        if not event.pays_participants:
            del self.fields["lived_experience"]
        if not event.is_in_person:
            del self.fields["dietary_needs"]
        let_people_type_past_the_limit(self)

    def details(self):
        """What the registration stores, from the cleaned form."""
        data = dict(self.cleaned_data)
        data.pop("save_to_profile", None)
        if "attendance_mode" not in self.fields:
            online = self.event.event_format == EventFormat.ONLINE
            data["attendance_mode"] = AttendanceMode.ONLINE if online else AttendanceMode.IN_PERSON
        return data


class AttendanceForm(TextRulesMixin, forms.Form):
    """Mark whether one registered person came."""

    registration = forms.IntegerField(widget=forms.HiddenInput)
    attended = forms.ChoiceField(
        label=_("Did they come?"),
        choices=[("yes", _("Came")), ("no", _("Did not come"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether they came")},
    )


class CafeChoiceField(forms.ModelChoiceField):
    """A table or round of this World Café: anything but an id of one is "not offered"."""

    def to_python(self, value):
        if value not in self.empty_values and not (str(value).isdigit() and len(str(value)) <= 18):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class TableChoiceField(CafeChoiceField):
    def label_from_instance(self, table):
        return table.name


class RoundChoiceField(CafeChoiceField):
    def label_from_instance(self, cafe_round):
        return _("Round %(number)s: %(question)s") % {
            "number": cafe_round.number,
            "question": cafe_round.question,
        }


def table_field(label, required):
    """A radio list of the café's tables (the form's `__init__` gives the queryset)."""
    return TableChoiceField(
        label=label,
        queryset=CafeTable.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": required, "invalid_choice": _("Choose a table at this World Café")},
    )


def round_field(label, invalid=None):
    """A radio list of the café's rounds (the form's `__init__` gives the queryset)."""
    return RoundChoiceField(
        label=label,
        queryset=CafeRound.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the round"),
            "invalid_choice": invalid or _("Choose a round of this World Café"),
        },
    )


def offer_the_cafes_tables_and_rounds(form, page):
    form.fields["table"].queryset = CafeTable.objects.filter(page=page).order_by("sort_order", "pk")
    form.fields["round"].queryset = CafeRound.objects.filter(page=page).order_by("sort_order", "pk")


class ContributionForm(TextRulesMixin, forms.Form):
    """A table host records what their table said in a round, with a photo of its paper if they like."""

    table = table_field(_("Table"), required=_("Choose your table"))
    round = round_field(_("Round"))
    text = forms.CharField(
        label=_("What did the table say?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write what the table said")},
    )
    photo = WagtailImageField(
        label=_("Photo of the table's paper (optional)"),
        required=False,
        error_messages={
            "invalid_image": _("The photo is not a picture we can read: choose a JPEG, PNG or WebP photo"),
            "invalid_image_extension": _("The photo must be a JPEG, PNG or WebP file"),
        },
        help_text=_("A JPEG, PNG or WebP image, up to 10 MB."),
    )
    photo_alt_text = forms.CharField(
        label=_("What the photo shows (needed with a photo)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Describe or type out what is on the paper, for people who cannot see the photo."),
    )

    def __init__(self, *args, page, allowed_tables, **kwargs):
        self.allowed_tables = allowed_tables
        super().__init__(*args, **kwargs)
        offer_the_cafes_tables_and_rounds(self, page)
        if len(allowed_tables) < self.fields["table"].queryset.count():
            # A host sees only their own table(s) to choose from.
            self.fields["table"].queryset = self.fields["table"].queryset.filter(
                pk__in=[t.pk for t in allowed_tables]
            )
            self.fields["table"].error_messages["invalid_choice"] = _(
                "You can add contributions for your own table only"
            )
        let_people_type_past_the_limit(self)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not (cleaned.get("photo_alt_text") or "").strip():
            self.add_error("photo_alt_text", _("Say what the photo shows, or type out what is on the paper"))
        if (
            not cleaned.get("photo")
            and (cleaned.get("photo_alt_text") or "").strip()
            and "photo" not in self.errors
        ):
            self.add_error("photo", _("Choose the photo the description is for, or clear the description"))
        return cleaned


class ThemeForm(TextRulesMixin, forms.Form):
    """A new theme found across the tables."""

    name = forms.CharField(
        label=_("Theme"), max_length=200, error_messages={"required": _("Give the theme a name")}
    )
    description = forms.CharField(
        label=_("What it is about (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, page, **kwargs):
        self.page = page
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if CafeTheme.objects.filter(page=self.page, name__iexact=name).exists():
            raise forms.ValidationError(
                _("There is already a theme called \u201c%(name)s\u201d") % {"name": name}
            )
        if CafeTheme.objects.filter(page=self.page).count() >= MAX_THEMES:
            raise forms.ValidationError(_("A World Café can have up to %(max)s themes") % {"max": MAX_THEMES})
        return name


class TagForm(TextRulesMixin, forms.Form):
    """The themes one contribution belongs to."""

    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose themes of this World Café")},
    )

    def __init__(self, *args, page, **kwargs):
        self.page_themes = {str(theme.pk): theme for theme in CafeTheme.objects.filter(page=page)}
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = [(pk, theme.name) for pk, theme in self.page_themes.items()]

    def chosen_themes(self):
        return [self.page_themes[pk] for pk in self.cleaned_data["themes"]]


class RemoteSeatFormMixin:
    """A remote seat's form post carries an action id, so a second click counts once."""

    def action_id(self):
        given = self.data.get("id") or ""
        if 0 < len(given) <= 64 and given.isalnum():
            return given
        return uuid.uuid4().hex


class TakeSeatForm(RemoteSeatFormMixin, TextRulesMixin, forms.Form):
    """A member taking part online chooses a table for a round."""

    table = table_field(_("Which table?"), required=_("Choose a table"))
    round = round_field(_("Which round?"))

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        offer_the_cafes_tables_and_rounds(self, page)


class SendToTableForm(RemoteSeatFormMixin, TextRulesMixin, forms.Form):
    """What a member at a remote seat wants their table to hear, for one of their rounds."""

    round = round_field(_("For which round?"), invalid=_("Choose a round you have a seat in"))
    text = forms.CharField(
        label=_("What do you want your table to hear?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only your table's host sees it. They can add it to the harvest."),
        error_messages={"required": _("Write what you want your table to hear")},
    )

    def __init__(self, *args, page, seat_rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = CafeRound.objects.filter(
            page=page, pk__in=[r.pk for r in seat_rounds]
        ).order_by("sort_order", "pk")
        let_people_type_past_the_limit(self)


class AcceptContributionForm(RemoteSeatFormMixin, TextRulesMixin, forms.Form):
    """The table's host accepts one contribution sent from a remote seat.

    Any contribution sent to this café is offered (`sent_to_cafe`): whether this person may
    decide on it is the live action's check, so another table's host is refused as over the
    WebSocket.
    """

    contribution = CafeChoiceField(
        label=_("Contribution"),
        queryset=RemoteContribution.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose a contribution to accept"),
            "invalid_choice": _("That contribution was not sent to a table of this World Café"),
        },
    )

    def __init__(self, *args, sent_to_cafe, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contribution"].queryset = sent_to_cafe


class DeclineContributionForm(RemoteSeatFormMixin, TextRulesMixin, forms.Form):
    """The table's host declines one contribution sent from a remote seat (named in the
    address), saying why if they like. Prefixed with the contribution, one form per item."""

    reason = forms.CharField(
        label=_("Why it is not added (optional)"),
        max_length=300,
        required=False,
        help_text=_("Up to 300 characters. The member who sent it sees this."),
    )


class TableNoteForm(RemoteSeatFormMixin, TextRulesMixin, forms.Form):
    """A table's host writes a short note to the members at that table's remote seats."""

    table = table_field(_("To which table's remote seats?"), required=_("Choose the table the note is for"))
    text = forms.CharField(
        label=_("Note to your table's remote seats"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Up to 300 characters. Only the members at that table's remote seats see it."),
        error_messages={"required": _("Write the note for your table")},
    )

    def __init__(self, *args, page, allowed_tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].queryset = CafeTable.objects.filter(
            page=page, pk__in=[t.pk for t in allowed_tables]
        ).order_by("sort_order", "pk")
        self.fields["table"].error_messages["invalid_choice"] = _("Choose a table you host")
        let_people_type_past_the_limit(self)


class RoundControlForm(RemoteSeatFormMixin, TextRulesMixin, forms.Form):
    """A facilitator starts a round, gives it more time or ends it (which one is `type`)."""

    START, MORE_TIME, END = "start_round", "give_round_more_time", "end_round"

    type = forms.ChoiceField(
        choices=[(START, START), (MORE_TIME, MORE_TIME), (END, END)],
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose what to do with the round")},
    )
    round = round_field(_("Which round?"))
    minutes = forms.IntegerField(
        label=_("How many minutes?"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Give the minutes as a whole number, like 20")},
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = CafeRound.objects.filter(page=page).order_by("sort_order", "pk")
        self.fields["type"].error_messages["invalid_choice"] = _("Choose what to do with the round")

    def clean(self):
        cleaned = super().clean()
        minutes = cleaned.get("minutes")
        limits = {self.START: (1, 120), self.MORE_TIME: (1, 60)}.get(cleaned.get("type"))
        if minutes is not None and limits and not limits[0] <= minutes <= limits[1]:
            self.add_error(
                "minutes",
                _("Give a number of minutes from %(low)s to %(high)s")
                % {"low": limits[0], "high": limits[1]},
            )
        return cleaned

"""The display preferences form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduction.members.models import Contrast, TextSize

from .preferences import DisplayPreferences


class DisplayPreferencesForm(forms.Form):
    """Text size, contrast, spacing, motion and easy read first."""

    text_size = forms.ChoiceField(
        label=_("Text size"),
        choices=TextSize.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a text size"),
            "invalid_choice": _("Choose a text size from the list"),
        },
    )
    contrast = forms.ChoiceField(
        label=_("Colours and contrast"),
        choices=Contrast.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose colours"), "invalid_choice": _("Choose colours from the list")},
    )
    readable_spacing = forms.BooleanField(
        label=_(
            "Wider spacing for reading: more space between letters, words and lines, "
            "text aligned to the left and no italics"
        ),
        required=False,
    )
    reduce_motion = forms.BooleanField(
        label=_("Reduce motion: no animations or moving content"), required=False
    )
    easy_read_first = forms.BooleanField(
        label=_("Show easy read versions first, where there is one"), required=False
    )

    def preferences(self):
        return DisplayPreferences(**self.cleaned_data)

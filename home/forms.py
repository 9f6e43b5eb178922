"""The display preferences form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduction.common.fields import radio_field
from coproduction.common.validation import TextRulesMixin
from coproduction.members.preferences import Contrast, DisplayPreferences, TextSize


class DisplayPreferencesForm(TextRulesMixin, forms.Form):
    """Text size, contrast, spacing, motion and easy read first."""

    text_size = radio_field(
        _("Text size"), TextSize.choices, _("Choose a text size"), _("Choose a text size from the list")
    )
    contrast = radio_field(
        _("Colours and contrast"), Contrast.choices, _("Choose colours"), _("Choose colours from the list")
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


class SearchForm(TextRulesMixin, forms.Form):
    """What someone is looking for on the site."""

    q = forms.CharField(
        label=_("What are you looking for?"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"class": "input"}),
        error_messages={
            "max_length": _(
                "Your search must be %(limit_value)s characters or fewer. It has %(show_value)s characters."
            ),
            "control_character": _(
                "Remove the invisible control character from your search. "
                "It can come in when text is copied and pasted."
            ),
        },
    )

"""The rules every public form applies to typed text: no control characters, a length cap."""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings

from coproduction.common.validation import TextRulesMixin

CONTROL_CHARACTERS = {
    "NUL": "\x00",
    "bell (C0)": "\x07",
    "escape (C0)": "\x1b",
    "unit separator (C0)": "\x1f",
    "DEL": "\x7f",
    "C1 control": "\x9b",
    "next line (C1)": "\x85",
    "lone high surrogate": "\ud800",
    "lone low surrogate": "\udfff",
}
LINE_BREAKS_AND_TAB = {"tab": "\t", "line feed": "\n", "carriage return": "\r"}


class NoteForm(TextRulesMixin, forms.Form):
    """A form as a developer would write one: some fields with caps and messages, some without."""

    name = forms.CharField(label="Your name", max_length=80)
    organisation = forms.CharField(label="Organisation (optional)", required=False)
    note = forms.CharField(label="Your note", required=False, widget=forms.Textarea)
    email = forms.EmailField(label="Email address", required=False)
    password = forms.CharField(label="Password", required=False, widget=forms.PasswordInput)
    town = forms.CharField(
        label="Town",
        required=False,
        max_length=40,
        error_messages={"max_length": "Town must be %(limit_value)s characters or fewer"},
    )
    colour = forms.ChoiceField(label="Favourite colour", required=False, choices=[("red", "Red")])


def errors_for(data):
    form = NoteForm({"name": "Jo", **data})
    form.is_valid()
    return form.errors


@pytest.mark.parametrize("character", CONTROL_CHARACTERS.values(), ids=CONTROL_CHARACTERS.keys())
def test_control_characters_are_refused_in_a_single_line_field(character):
    assert errors_for({"name": f"Jo{character}Bloggs"})["name"] == [
        "Remove the invisible control character from \u201cYour name\u201d. "
        "It can come in when text is copied and pasted."
    ]


@pytest.mark.parametrize("character", CONTROL_CHARACTERS.values(), ids=CONTROL_CHARACTERS.keys())
def test_control_characters_are_refused_in_a_multi_line_field(character):
    assert errors_for({"note": f"First{character}second"})["note"] == [
        "Remove the invisible control character from \u201cYour note\u201d. "
        "It can come in when text is copied and pasted."
    ]


@pytest.mark.parametrize("character", LINE_BREAKS_AND_TAB.values(), ids=LINE_BREAKS_AND_TAB.keys())
def test_tab_and_line_breaks_are_refused_inside_a_single_line_field(character):
    assert "name" in errors_for({"name": f"Jo{character}Bloggs"})


def test_tab_and_line_breaks_are_kept_in_a_multi_line_field():
    form = NoteForm({"name": "Jo", "note": "First line\r\n\tindented second line"})
    assert form.is_valid()
    assert form.cleaned_data["note"] == "First line\r\n\tindented second line"


def test_the_message_names_the_field_without_its_optional_note():
    assert errors_for({"organisation": "Castle\x00bridge"})["organisation"] == [
        "Remove the invisible control character from \u201cOrganisation\u201d. "
        "It can come in when text is copied and pasted."
    ]


def test_letters_from_every_language_and_emoji_are_accepted():
    form = NoteForm({"name": "Zoë Wójcik \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u4e2d\u6587 \U0001f44b"})
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    "field, limit, label",
    [
        ("organisation", "500", "Organisation"),
        ("note", "10,000", "Your note"),
        ("password", "128", "Password"),
    ],
)
def test_a_field_without_a_cap_of_its_own_gets_one_for_its_kind(field, limit, label):
    assert errors_for({field: "x" * 100_000})[field] == [
        f"\u201c{label}\u201d must be {limit} characters or fewer. It has 100,000 characters."
    ]


def test_an_email_address_is_capped_at_254_characters_as_the_account_column_is():
    # Django's EmailField allows 320; the User.email column holds 254.
    address = "a" * 243 + "@example.org"
    assert len(address) == 255
    assert errors_for({"email": address})["email"] == [
        "\u201cEmail address\u201d must be 254 characters or fewer. It has 255 characters."
    ]


def test_a_fields_own_length_message_is_kept_with_its_numbers():
    assert errors_for({"town": "x" * 41})["town"] == ["Town must be 40 characters or fewer"]


def test_a_cap_given_to_a_field_after_it_was_made_is_enforced():
    # Django's AuthenticationForm sets the username's max_length this way, and Django
    # then never checks it.
    class SignIn(TextRulesMixin, forms.Form):
        username = forms.CharField(label="Email address")

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["username"].max_length = 254

    form = SignIn({"username": "a" * 250 + "@example.org"})
    assert form.errors["username"] == [
        "\u201cEmail address\u201d must be 254 characters or fewer. It has 262 characters."
    ]


def test_a_wrong_choice_is_refused_without_repeating_what_was_sent():
    assert errors_for({"colour": "x" * 100_000})["colour"] == [
        "Choose one of the options listed for \u201cFavourite colour\u201d"
    ]


def test_checking_a_form_twice_gives_each_message_once():
    form = NoteForm({"name": "Jo\x00"})
    form.full_clean()
    form.full_clean()
    assert len(form.errors["name"]) == 1


def form_classes(module):
    return [
        value
        for value in vars(module).values()
        if inspect.isclass(value)
        and issubclass(value, forms.BaseForm)
        and value.__module__ == module.__name__
    ]


def project_form_modules():
    """The forms module of every app in this repository (not the installed packages)."""
    modules = []
    for app_config in apps.get_app_configs():
        if (
            not Path(app_config.path).is_relative_to(settings.BASE_DIR)
            or ".venv" in Path(app_config.path).parts
        ):
            continue
        if importlib.util.find_spec(f"{app_config.name}.forms") is not None:
            modules.append(importlib.import_module(f"{app_config.name}.forms"))
    return modules


def test_the_search_for_forms_finds_every_apps_forms():
    names = {module.__name__ for module in project_form_modules()}
    assert {"home.forms", "coproduction.members.forms", "consultations.forms"} <= names


# The live action forms check their text with their own field (coproduction/live/forms.py:
# no control characters, the action's limit, a repeated field refuses the post), tested in
# tests/live/test_form_posts.py; they came into this search when the engine became an app.
OWN_TEXT_RULES = ("coproduction.live.forms",)


def test_every_form_on_the_public_site_applies_the_text_rules():
    modules = [module for module in project_form_modules() if module.__name__ not in OWN_TEXT_RULES]
    without = [
        f"{cls.__module__}.{cls.__name__}"
        for module in modules
        for cls in form_classes(module)
        if not issubclass(cls, TextRulesMixin)
    ]
    assert without == []


def test_an_email_field_tells_the_browser_the_same_cap():
    assert 'maxlength="254"' in str(NoteForm()["email"])


def test_a_choice_message_names_the_label_a_subclass_gave_after_the_form_was_made():
    class Relabelled(NoteForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["colour"].label = "Colour of your badge"

    form = Relabelled({"name": "Jo", "colour": "blue"})
    assert form.errors["colour"] == ["Choose one of the options listed for \u201cColour of your badge\u201d"]

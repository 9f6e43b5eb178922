"""Forms for signing up, signing in, the profile and deleting an account."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from coproduction.common.fields import EMAIL_FORMAT_MESSAGE, email_field
from coproduction.common.validation import TextRulesMixin

from .models import CommunicationNeed, ContactMethod, Profile, User


class SignUpForm(TextRulesMixin, forms.Form):
    """Start creating an account: the email address we send the next step to."""

    email = email_field(
        _("Email address"),
        _("Enter your email address"),
        help_text=_("We will email you a link to create your account. You will use this address to sign in."),
        own_address=True,
    )

    def clean_email(self):
        # Whether the address has an account is never said here: the email says it.
        return self.cleaned_data["email"].strip().lower()


class SignUpDetailsForm(TextRulesMixin, forms.Form):
    """Finish creating an account from the emailed link: name, organisation and a password typed twice."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=80,
        help_text=_("The name other people see. It does not have to be your full name."),
        error_messages={
            "required": _("Enter the name you want other people to see"),
            "max_length": _("Your name must be 80 characters or fewer"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Organisation must be 200 characters or fewer")},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    password1 = forms.CharField(
        label=_("Create a password"),
        strip=False,
        help_text=_("At least 8 characters. A few words together are easy to remember."),
        error_messages={"required": _("Enter a password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        error_messages={"required": _("Type the password again")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, email, *args, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match"))
        elif p1:
            try:
                password_validation.validate_password(p1, User(email=self.email))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self):
        """Create the account. IntegrityError if the address got an account meanwhile."""
        user = User.objects.create_user(email=self.email, password=self.cleaned_data["password1"])
        Profile.objects.create(
            user=user,
            display_name=self.cleaned_data["display_name"],
            organisation=self.cleaned_data["organisation"],
        )
        return user


class SignInForm(TextRulesMixin, AuthenticationForm):
    """Sign in with email address and password."""

    error_messages = {
        "invalid_login": _(
            "The email address or password is not right. Check them and try again, or reset your password."
        ),
        "inactive": _("This account has been switched off. Contact us to switch it on."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].error_messages["required"] = _("Enter your email address")
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["password"].error_messages["required"] = _("Enter your password")


class ProfileForm(TextRulesMixin, forms.ModelForm):
    """Edit the profile: name, organisation, how to contact you, communication needs."""

    communication_needs = forms.MultipleChoiceField(
        label=_("Do you need information in any of these formats?"),
        help_text=_("Select all that apply."),
        choices=CommunicationNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose formats from the list")},
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "organisation",
            "preferred_contact",
            "phone",
            "postal_address",
            "communication_needs",
            "other_language",
            "other_communication_needs",
            "captions_on",
        ]
        widgets = {
            "preferred_contact": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "postal_address": forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
            "other_communication_needs": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "display_name": _("Your name"),
            "organisation": _("Organisation (optional)"),
            "preferred_contact": _("How should we contact you?"),
            "phone": _("Phone number (optional unless we should phone or text you)"),
            "postal_address": _("Postal address (optional unless we should write to you)"),
            "other_language": _("Do you need information in another language? (optional)"),
            "other_communication_needs": _("Anything else about how you communicate (optional)"),
            "captions_on": _("Show live captions when I join a live session"),
        }
        error_messages = {
            "display_name": {
                "required": _("Enter the name you want other people to see"),
                "max_length": _("Your name must be 80 characters or fewer"),
            },
            "preferred_contact": {
                "required": _("Choose how we should contact you"),
                "invalid_choice": _("Choose how we should contact you from the list"),
            },
            "phone": {"max_length": _("Phone number must be 40 characters or fewer")},
            "postal_address": {"max_length": _("Postal address must be 500 characters or fewer")},
            "other_language": {"max_length": _("Language must be 100 characters or fewer")},
            "other_communication_needs": {
                "max_length": _("This must be 1000 characters or fewer"),
            },
        }

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("preferred_contact")
        if method in (ContactMethod.PHONE, ContactMethod.TEXT) and not cleaned.get("phone"):
            self.add_error("phone", _("Enter a phone number, so we can phone or text you"))
        if method == ContactMethod.POST and not cleaned.get("postal_address"):
            self.add_error("postal_address", _("Enter a postal address, so we can write to you"))
        return cleaned


class DeleteAccountForm(TextRulesMixin, forms.Form):
    """Confirm deleting an account with the password and an explicit tick."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        error_messages={"required": _("Enter your password to confirm")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal information will be deleted"),
        error_messages={"required": _("Tick the box to confirm you want to delete your account")},
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not right"))
        return password


class AccountPasswordResetForm(TextRulesMixin, PasswordResetForm):
    """Ask for a password reset link by email."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["email"]
        field.label = _("Email address")
        field.help_text = _("We will send a link to reset your password to this address.")
        field.error_messages.update(
            {"required": _("Enter your email address"), "invalid": EMAIL_FORMAT_MESSAGE}
        )


class AccountSetPasswordForm(TextRulesMixin, SetPasswordForm):
    """Choose a new password after following a reset link."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = _("At least 8 characters.")
        self.fields["new_password1"].error_messages["required"] = _("Enter a new password")
        self.fields["new_password2"].label = _("Type the new password again")
        self.fields["new_password2"].error_messages["required"] = _("Type the new password again")


class AddSupporterForm(TextRulesMixin, forms.Form):
    """Invite someone to act for you, by their email address.

    The answer is the same whether or not the address has an account: they get an
    invitation, and become a supporter when they accept it.
    """

    email = email_field(
        _("Their email address"),
        _("Enter the email address of the person who supports you"),
        help_text=_("We will email them an invitation. They can create an account if they do not have one."),
    )

    def __init__(self, member, *args, **kwargs):
        self.member = member
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email == self.member.email.lower():
            raise forms.ValidationError(_("You cannot add yourself as your own supporter"))
        # Only the member's own supporters are checked: they are on the page already.
        if self.member.supporters.filter(supporter__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already one of your supporters"))
        return email

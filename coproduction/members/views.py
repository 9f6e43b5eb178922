"""Account pages: sign up, sign in and out, password reset, profile, data, deletion."""

import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from home.preferences import preferences_for

from . import services
from .forms import (
    AccountPasswordResetForm,
    AccountSetPasswordForm,
    AddSupporterForm,
    DeleteAccountForm,
    ProfileForm,
    SignInForm,
    SignUpForm,
)
from .models import Profile, Supporter


def sign_up(request):
    """Create an account and sign the new member in."""
    if request.user.is_authenticated:
        return redirect("members:profile")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The display preferences chosen as a visitor become the new member's own,
        # so the page does not change size or contrast under them as they sign up.
        visitor_preferences = preferences_for(request)
        user = form.save()
        visitor_preferences.save_to_profile(user.profile)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account has been created. You are signed in."))
        return redirect("members:profile")
    return render(request, "members/sign_up.html", {"form": form})


class SignInView(auth_views.LoginView):
    """Sign in by email and password; axes limits guessing (docs/security.md)."""

    template_name = "members/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


def sign_in_account_key(request, credentials):
    """The account a sign-in attempt is for, as axes counts it: the email, lower-cased."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower() or None


def sign_in_locked_out(request, credentials=None, *args, **kwargs):
    """Shown instead of the sign-in result while an account-and-address pair cools off."""
    form = SignInForm(request, data=request.POST or None)
    # The attempt never reached the password check: show the cool-off as the form's error.
    form._errors = {
        "__all__": form.error_class(
            [
                _(
                    "There have been too many wrong attempts to sign in to this account "
                    "from your connection. Wait 15 minutes, then try again. "
                    "You can reset your password instead if you have forgotten it."
                )
            ]
        )
    }
    return render(request, "members/sign_in.html", {"form": form, "locked_out": True}, status=429)


class SignOutView(auth_views.LogoutView):
    """Sign out (a POST from the header button)."""

    next_page = "/"


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a link to reset the password."""

    template_name = "members/password_reset.html"
    form_class = AccountPasswordResetForm
    email_template_name = "members/email/password_reset.txt"
    subject_template_name = "members/email/password_reset_subject.txt"
    success_url = reverse_lazy("members:password_reset_sent")


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    """Tell the person to check their email."""

    template_name = "members/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password from the emailed link."""

    template_name = "members/password_reset_confirm.html"
    form_class = AccountSetPasswordForm
    success_url = reverse_lazy("members:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    """Confirm the new password is set."""

    template_name = "members/password_reset_complete.html"


def _profile_for(user):
    profile, _created = Profile.objects.get_or_create(
        user=user, defaults={"display_name": user.get_full_name() or user.email.split("@")[0]}
    )
    return profile


@login_required
def profile(request):
    """The member's own profile, with links to change it, download it or delete it."""
    return render(request, "members/profile.html", {"profile": _profile_for(request.user)})


@login_required
def profile_edit(request):
    """Change name, organisation, contact preference and communication needs."""
    form = ProfileForm(request.POST or None, instance=_profile_for(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("members:profile")
    return render(request, "members/profile_edit.html", {"form": form})


@login_required
def my_data(request):
    """Download everything held about the member, as JSON."""
    data = services.personal_data(request.user)
    data["exported_at"] = timezone.now().isoformat()
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
def delete_account(request):
    """Delete the account after the member confirms with their password."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user)
        messages.success(request, _("Your account and your personal information have been deleted."))
        return redirect("/")
    return render(request, "members/delete_account.html", {"form": form})


@login_required
def supporters(request):
    """The people a member chose to act for them, e.g. to enter answers they gave by phone."""
    form = AddSupporterForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if "remove" in request.POST:
            chosen = request.POST["remove"]
            # Only a supporter's number names one; anything else names nobody.
            if chosen.isascii() and chosen.isdigit():
                Supporter.objects.filter(member=request.user, pk=chosen).delete()
            messages.success(request, _("That person can no longer act for you."))
            return redirect("members:supporters")
        if form.is_valid():
            Supporter.objects.create(member=request.user, supporter=form.supporter)
            messages.success(
                request, _("%(name)s can now act for you.") % {"name": form.supporter.display_name}
            )
            return redirect("members:supporters")
    current = request.user.supporters.select_related("supporter__profile")
    return render(request, "members/supporters.html", {"form": form, "supporters": current})

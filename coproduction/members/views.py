"""Account pages: sign up, sign in and out, password reset, profile, data, deletion."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduction.common.ratelimit import client_address

from . import limits, services
from .forms import (
    AccountPasswordResetForm,
    AccountSetPasswordForm,
    AddSupporterForm,
    DeleteAccountForm,
    ProfileForm,
    SignInForm,
    SignUpDetailsForm,
    SignUpForm,
)
from .models import Profile, SignUpLink, Supporter, SupporterInvitation, User
from .preferences import DisplayPreferences, preferences_for


def _refused(form, refusal):
    field, message = refusal
    form.add_error(field, message)


def sign_up(request):
    """Start creating an account: email a link to go on with (docs/security.md).

    Every valid request gets the same "check your email" page, so the page never says
    whether the address has an account; the email does, to the address's owner.
    """
    if request.user.is_authenticated:
        return redirect("members:profile")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        refusal = limits.refusal(request, email, limits.SIGN_UP_PER_ADDRESS, limits.SIGN_UP_PER_EMAIL)
        if refusal:
            _refused(form, refusal)
            return render(request, "members/sign_up.html", {"form": form}, status=429)
        # The display preferences chosen as a visitor are kept with the link, so the page
        # does not change size or contrast when the person opens it in another browser.
        services.send_sign_up_email(request, email, preferences_for(request).to_cookie())
        request.session["sign_up_email"] = email
        return redirect("members:sign_up_sent")
    return render(request, "members/sign_up.html", {"form": form})


def sign_up_sent(request):
    """Tell the person to check their email: the same words for every address."""
    return render(request, "members/sign_up_sent.html", {"email": request.session.get("sign_up_email")})


def sign_up_finish(request, token):
    """Finish creating an account from the emailed link, and sign the new member in."""
    link = SignUpLink.find(token)
    if link is None:
        return render(request, "members/sign_up_link_expired.html", status=400)
    email = link.email
    if request.user.is_authenticated or User.objects.filter(email__iexact=email).exists():
        return render(request, "members/sign_up_account_exists.html", {"email": email})
    form = SignUpDetailsForm(email, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if settings.DISPLAY_PREFERENCES_COOKIE in request.COOKIES:
            visitor_preferences = preferences_for(request)
        else:
            visitor_preferences = DisplayPreferences.from_cookie(link.preferences)
        try:
            user = services.create_account(link, form)
        except IntegrityError:  # the same link, sent twice at once
            return render(request, "members/sign_up_account_exists.html", {"email": email})
        visitor_preferences.save_to_profile(user.profile)
        request.session.pop("sign_up_email", None)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account has been created. You are signed in."))
        return redirect("members:profile")
    return render(request, "members/sign_up_finish.html", {"form": form, "email": email})


class SignInView(auth_views.LoginView):
    """Sign in by email and password; axes limits guessing (docs/security.md)."""

    template_name = "members/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Axes limits guesses at one account; this limits one connection across accounts.
        if not limits.SIGN_IN_PER_ADDRESS.allows(client_address(request)):
            return _sign_in_refused(request, limits.SIGN_IN_PER_ADDRESS.message)
        return super().post(request, *args, **kwargs)


def sign_in_account_key(request, credentials):
    """The account a sign-in attempt is for, as axes counts it: the email, lower-cased."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower() or None


def _sign_in_refused(request, message):
    form = SignInForm(request, data=request.POST or None)
    # The attempt never reached the password check: show the refusal as the form's error.
    form._errors = {"__all__": form.error_class([message])}
    return render(request, "members/sign_in.html", {"form": form, "locked_out": True}, status=429)


def sign_in_locked_out(request, credentials=None, *args, **kwargs):
    """Shown instead of the sign-in result while an account-and-address pair cools off."""
    return _sign_in_refused(
        request,
        _(
            "There have been too many wrong attempts to sign in to this account "
            "from your connection. Wait 15 minutes, then try again. "
            "You can reset your password instead if you have forgotten it."
        ),
    )


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

    def form_valid(self, form):
        # Counted per address typed, known or not, so a refusal reveals nothing either.
        refusal = limits.refusal(
            self.request, form.cleaned_data["email"], limits.RESET_PER_ADDRESS, limits.RESET_PER_EMAIL
        )
        if refusal:
            _refused(form, refusal)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


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
    # Personal and health information: no browser or proxy may keep a copy.
    response["Cache-Control"] = "no-store"
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


def _number(value):
    """A record number from a button, or None for anything else (which then matches nothing)."""
    return int(value) if value.isdigit() and len(value) < 19 else None


@login_required
def supporters(request):
    """The people a member chose to act for them, e.g. to enter answers they gave by phone.

    Adding someone sends them an invitation; they become a supporter when they accept it.
    The answer is the same whether or not their address has an account.
    """
    form = AddSupporterForm(request.user, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if "remove" in request.POST:
            Supporter.objects.filter(member=request.user, pk=_number(request.POST["remove"])).delete()
            messages.success(request, _("That person can no longer act for you."))
            return redirect("members:supporters")
        if "withdraw" in request.POST:
            SupporterInvitation.objects.filter(
                member=request.user, pk=_number(request.POST["withdraw"])
            ).delete()
            messages.success(request, _("The invitation has been withdrawn. The link in it no longer works."))
            return redirect("members:supporters")
        if form.is_valid():
            email = form.cleaned_data["email"]
            if not limits.INVITATIONS_PER_MEMBER.allows(request.user.pk):
                form.add_error(None, limits.INVITATIONS_PER_MEMBER.message)
            elif not limits.INVITATIONS_PER_EMAIL.allows(limits.email_key(email)):
                form.add_error("email", limits.INVITATIONS_PER_EMAIL.message)
            else:
                services.send_supporter_invitation(request, request.user, email)
                messages.success(
                    request,
                    _(
                        "We have emailed an invitation to %(email)s. When they accept it, "
                        "they will appear in your list."
                    )
                    % {"email": email},
                )
                return redirect("members:supporters")
            status = 429
    context = {
        "form": form,
        "supporters": request.user.supporters.select_related("supporter__profile"),
        "invitations": request.user.supporter_invitations.filter(
            created_at__gte=timezone.now() - SupporterInvitation.VALID_FOR
        ).order_by("created_at"),
    }
    return render(request, "members/supporters.html", context, status=status)


@login_required
def accept_supporter(request, token):
    """Accept an invitation to act for a member, signed in with the address it was sent to."""
    invitation = SupporterInvitation.find(token)
    if invitation is None or invitation.member == request.user or not invitation.member.is_active:
        return render(request, "members/supporter_invitation.html", {"expired": True}, status=400)
    context = {"member": invitation.member, "email": invitation.email}
    if request.user.email.lower() != invitation.email.lower():
        return render(
            request, "members/supporter_invitation.html", {**context, "wrong_account": True}, status=403
        )
    if request.method == "POST":
        services.accept_invitation(invitation, request.user)
        messages.success(
            request, _("You can now act for %(name)s.") % {"name": invitation.member.display_name}
        )
        return redirect("members:profile")
    return render(request, "members/supporter_invitation.html", context)

"""Registering for an event, the confirmation, cancelling, and "My events"."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import services
from .forms import RegistrationForm
from .models import Registration, RegistrationStatus
from .models.access import needs_for_profile, requirements_from_profile
from .rendering import render_subpage, site_url


def _initial(event, member, registration):
    """What the form starts with: the registration being changed, or the member's profile."""
    if registration is not None:
        return {name: getattr(registration, name) for name in services.DETAIL_FIELDS}
    profile = getattr(member, "profile", None)
    return {
        "access_requirements": requirements_from_profile(profile),
        "other_access_requirements": profile.other_communication_needs if profile else "",
        "attendance_mode": "",
    }


def _save_to_profile(member, details):
    profile = getattr(member, "profile", None)
    if profile is None:
        return
    profile.communication_needs = needs_for_profile(
        profile.communication_needs, details["access_requirements"]
    )
    profile.other_communication_needs = details.get("other_access_requirements", "")
    profile.save(update_fields=["communication_needs", "other_communication_needs"])


def register(request, event):
    """Register (or change a registration): access requirements first, pre-filled from the profile."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registration = services.active_registration(event, request.user)
    refusal = services.refusal(event)
    if refusal and registration is None:
        return render_subpage(
            request,
            event,
            "events/registration_closed.html",
            {"message": refusal},
            subpage_title=_("Register"),
        )
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        event=event,
        initial=_initial(event, request.user, registration),
    )
    if request.method == "POST" and form.is_valid():
        details = form.details()
        changed = registration is not None
        try:
            if not changed:
                registration = services.register(event, request.user, details, site_url=site_url(request))
            else:
                services.change(registration, details)
                messages.success(request, _("Your registration is changed."))
        except services.RegistrationRefused as refused:
            form.add_error(None, str(refused))
        else:
            if form.cleaned_data.get("save_to_profile"):
                _save_to_profile(request.user, details)
            # A change sends no email, so the confirmation must not say one was sent.
            return redirect(event.url_for("registered") + ("?changed=1" if changed else ""))
    return render_subpage(
        request,
        event,
        "events/register.html",
        {"form": form, "registration": registration},
        subpage_title=_("Change your registration") if registration else _("Register"),
    )


def registered(request, event):
    """Confirmation: a place or a waiting-list number, the calendar file and what happens next."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registration = services.active_registration(event, request.user)
    if registration is None:
        return redirect(event.url)
    return render_subpage(
        request,
        event,
        "events/registered.html",
        {"registration": registration, "changed": request.GET.get("changed") == "1"},
        subpage_title=_("Registered") if registration.has_place else _("On the waiting list"),
    )


def cancel(request, event):
    """Ask "are you sure?", then cancel; a place given up goes to the first person waiting."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registration = services.active_registration(event, request.user)
    if registration is None:
        messages.info(
            request, _("You are not registered for \u201c%(title)s\u201d.") % {"title": event.title}
        )
        return redirect("events:my_events")
    if request.method == "POST":
        services.cancel(registration, site_url=site_url(request))
        messages.success(
            request, _("Your registration for \u201c%(title)s\u201d is cancelled.") % {"title": event.title}
        )
        return redirect("events:my_events")
    return render_subpage(
        request,
        event,
        "events/cancel_registration.html",
        {"registration": registration},
        subpage_title=_("Cancel your registration"),
    )


def my_events(request):
    """The member's registrations: places and waiting-list positions, to view, change or cancel."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registrations = list(
        Registration.objects.filter(member=request.user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")
    )
    upcoming = [r for r in registrations if not r.event.has_ended()]
    past = [r for r in registrations if r.event.has_ended()]
    return TemplateResponse(
        request, "events/my_events.html", {"upcoming": upcoming, "past": list(reversed(past))}
    )

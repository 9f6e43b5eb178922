"""For organisers: the attendee list, the access summary, attendance, and the CSV exports.

Anyone holding `events.manage_attendees` sees who is coming and how many need each kind
of access. The details of what each person needs are health information: only people
holding `events.view_access_requirements` see them, on the page and in the CSV.
"""

import csv
from collections import Counter
from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .forms import AttendanceForm
from .models import AttendanceMode, Registration, RegistrationStatus
from .models.access import NEED_IN_WORDS, AccessRequirement
from .rendering import not_allowed, render_subpage

MANAGE = "events.manage_attendees"
VIEW_ACCESS = "events.view_access_requirements"


def _registrations(event):
    """Everyone not cancelled, in order of arrival, each waiting person knowing their number."""
    registrations = list(
        Registration.objects.filter(event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("member__profile")
        .order_by("position")
    )
    waiting = (r for r in registrations if r.status == RegistrationStatus.WAITLISTED)
    for number, registration in enumerate(waiting, start=1):
        registration._waitlist_number = number
    return registrations


def access_summary(registrations):
    """What to plan for, in words: "3 need a BSL interpreter", most needed first.

    Counts the people with a place; the waiting list is counted apart by the caller.
    """
    counts = Counter()
    for registration in registrations:
        if registration.status == RegistrationStatus.REGISTERED:
            counts.update(set(registration.access_requirements))
    lines = []
    for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if value not in AccessRequirement.values:
            continue
        need = NEED_IN_WORDS[AccessRequirement(value)]
        lines.append(
            ngettext("%(count)s needs %(need)s", "%(count)s need %(need)s", count)
            % {"count": count, "need": need}
        )
    with_place = [r for r in registrations if r.status == RegistrationStatus.REGISTERED]
    supporters = sum(1 for r in with_place if r.brings_supporter)
    if supporters:
        lines.append(
            ngettext(
                "%(count)s brings a Personal Assistant or supporter",
                "%(count)s bring a Personal Assistant or supporter",
                supporters,
            )
            % {"count": supporters}
        )
    others = sum(1 for r in with_place if r.other_access_requirements.strip())
    if others:
        lines.append(
            ngettext("%(count)s wrote about another need", "%(count)s wrote about other needs", others)
            % {"count": others}
        )
    return lines


def _counts(registrations):
    with_place = [r for r in registrations if r.status == RegistrationStatus.REGISTERED]
    return {
        "registered": len(with_place),
        "waitlisted": sum(1 for r in registrations if r.status == RegistrationStatus.WAITLISTED),
        "in_person": sum(1 for r in with_place if r.attendance_mode == AttendanceMode.IN_PERSON),
        "online": sum(1 for r in with_place if r.attendance_mode == AttendanceMode.ONLINE),
        "supporters": sum(1 for r in with_place if r.brings_supporter),
        "attended": sum(1 for r in with_place if r.attended),
    }


def attendees(request, event):
    """Who is coming, how many need each kind of access, and attendance to mark."""
    if not request.user.has_perm(MANAGE):
        return not_allowed(
            request, event, _("Only the event's organisers can see who is coming."), _("Attendees")
        )
    return _attendee_list(request, event)


def _attendee_list(request, event, form=None):
    registrations = _registrations(event)
    return render_subpage(
        request,
        event,
        "events/attendees.html",
        {
            "registrations": registrations,
            "counts": _counts(registrations),
            "summary": access_summary(registrations),
            "can_view_access": request.user.has_perm(VIEW_ACCESS),
            "form": form,
        },
        subpage_title=_("Attendees"),
    )


def access_details(request, event):
    """What each person needs, for the organisers who arrange it."""
    if not request.user.has_perm(VIEW_ACCESS):
        return not_allowed(
            request,
            event,
            _(
                "Access requirements are private. "
                "Only organisers who arrange access can see what each person needs."
            ),
            _("Access requirements"),
        )
    registrations = [r for r in _registrations(event) if r.status == RegistrationStatus.REGISTERED]
    return render_subpage(
        request,
        event,
        "events/access_details.html",
        {"registrations": registrations, "summary": access_summary(registrations)},
        subpage_title=_("Access requirements"),
    )


def mark_attendance(request, event):
    """Mark one person as came or did not come (a form post per person, from the attendee list)."""
    if not request.user.has_perm(MANAGE):
        return not_allowed(
            request, event, _("Only the event's organisers can mark attendance."), _("Attendance")
        )
    if request.method != "POST":
        return redirect(event.url_for("attendees"))
    form = AttendanceForm(request.POST)
    registration = None
    if form.is_valid():
        registration = Registration.objects.filter(
            pk=form.cleaned_data["registration"], event=event, status=RegistrationStatus.REGISTERED
        ).first()
        if registration is None:
            form.add_error(None, _("That person is not registered for this event."))
    if not form.is_valid():
        return _attendee_list(request, event, form=form)
    registration.attended = form.cleaned_data["attended"] == "yes"
    registration.save(update_fields=["attended", "updated_at"])
    return redirect(event.url_for("attendees") + f"#registration-{registration.pk}")


def _csv_response(filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    return response


def _safe(value):
    """A cell a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def attendees_csv(request, event):
    """The attendee list; the access columns only for people who may see access requirements."""
    if not request.user.has_perm(MANAGE):
        return not_allowed(request, event, _("Only the event's organisers can download the attendee list."))
    with_access = request.user.has_perm(VIEW_ACCESS)
    response = _csv_response(f"{event.slug}-attendees.csv")
    writer = csv.writer(response)
    header = ["Name", "Email", "Status", "Waiting list number", "Taking part", "Supporter coming", "Attended"]
    if with_access:
        header += ["Access requirements", "Other access requirements", "Dietary needs"]
    writer.writerow(header)
    for registration in _registrations(event):
        row = [
            registration.member.display_name,
            registration.member.email,
            registration.get_status_display(),
            registration.waitlist_number() or "",
            registration.get_attendance_mode_display(),
            "Yes" if registration.brings_supporter else "No",
            {True: "Yes", False: "No", None: ""}[registration.attended],
        ]
        if with_access:
            row += [
                "; ".join(str(label) for label in registration.requirement_labels()),
                registration.other_access_requirements,
                registration.dietary_needs,
            ]
        writer.writerow([_safe(cell) for cell in row])
    return response


def payments_csv(request, event):
    """Involvement payments owed: lived-experience participants who came."""
    if not request.user.has_perm(MANAGE):
        return not_allowed(request, event, _("Only the event's organisers can download payments owed."))
    response = _csv_response(f"{event.slug}-payments.csv")
    writer = csv.writer(response)
    writer.writerow(["Name", "Email", "Event", "Date", "Rate", "Amount (£)"])
    amount = (
        event.payment_amount if event.pays_participants and event.payment_amount is not None else Decimal("0")
    )
    owed = [
        r
        for r in _registrations(event)
        if r.status == RegistrationStatus.REGISTERED and r.attended and r.lived_experience
    ]
    for registration in owed:
        writer.writerow(
            [
                _safe(cell)
                for cell in (
                    registration.member.display_name,
                    registration.member.email,
                    event.title,
                    timezone.localtime(event.starts_at).date().isoformat(),
                    event.payment_rate,
                    f"{amount:.2f}",
                )
            ]
        )
    return response

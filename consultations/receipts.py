"""The email that gives a member a copy of the answers they sent."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .subpages import easy_read_first
from .summary import answers_summary


def receipt_in_easy_read(request, respondent):
    """The receipt goes to the member: their own choice of easy read decides its wording.

    Someone answering for themselves may also have asked for easy read in the address.
    """
    if respondent is not None and respondent.is_supported:
        profile = getattr(respondent.member, "profile", None)
        return bool(profile and profile.easy_read_first)
    return easy_read_first(request)


def send_receipt(request, page, response, first_time, respondent=None):
    """Email the member a copy of the answers they just sent."""
    member = response.member
    if member is None or not member.email:
        return
    body = render_to_string(
        "consultations/email/receipt.txt",
        {
            "page": page,
            "response": response,
            "rows": answers_summary(page, response, receipt_in_easy_read(request, respondent), sent=True),
            "first_time": first_time,
            "page_url": request.build_absolute_uri(page.url),
        },
    )
    subject = (_("Your answers to: %(title)s") if first_time else _("Your changed answers to: %(title)s")) % {
        "title": page.title
    }
    send_mail(subject, body, None, [member.email])

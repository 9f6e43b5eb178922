"""Closing the loop: when an action is added or its status moves, the people who said it and the
people who follow the item hear about it, on their notifications page and by email."""

from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from home.sources import source_people

from .models import ActionStatus, Follow, Notification


def recipients(item, changed_by):
    """Followers of the item, the member who raised it and the people whose words are its source
    (and who allowed them to be used), but not the person who made the change."""
    people = {follow.member for follow in Follow.objects.filter(item=item).select_related("member")}
    if item.raised_by is not None:
        people.add(item.raised_by)
    if item.source_type_id and item.source_id:
        people.update(source_people(item.source_type_id, item.source_id))
    return [p for p in people if p.is_active and p != changed_by]


def action_changed(action, changed_by, added=False, old_status=None):
    """Tell everyone who should know, once the change is committed."""
    item = action.item
    status = ActionStatus(action.status).label
    if added:
        message = _("A new action on “%(said)s”: %(text)s (%(status)s)")
    else:
        message = _("An action on “%(said)s” is now %(status)s: %(text)s")
    message = message % {"said": item.you_said[:80], "text": action.text[:80], "status": status}
    people = recipients(item, changed_by)

    def send():
        link = item.document.full_url + item.document.reverse_subpage(
            "item", args=(item.pk,)
        )  # absolute, for email
        for person in people:
            Notification.objects.create(member=person, item=item, message=message[:300])
            send_mail(
                _("What happened to something you said"),
                _("%(message)s\n\nRead the item: %(link)s\n\nStop following it from that page.")
                % {"message": message, "link": link},
                None,
                [person.email],
            )

    transaction.on_commit(send)

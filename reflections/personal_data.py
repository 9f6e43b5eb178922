"""What the reflections app holds about a member, for "download my data" and for deleting an account.

Deleting an account deletes the member's comments, follows, notifications and group
memberships. Items they raised and versions they saved stay, without them: the items
belong to the group's record, and their links to the person are set to empty.
"""

from .models import Comment, Follow, GroupMembership, Item, Notification


def reflections_data(user):
    return "reflections", {
        "advisory_groups": [
            {"group": m.group.name, "lead": m.is_lead}
            for m in GroupMembership.objects.filter(member=user).select_related("group")
        ],
        "items_you_raised": [
            {"you_said": i.you_said, "said_on": i.said_on.isoformat()}
            for i in Item.objects.filter(raised_by=user)
        ],
        "comments": [
            {"item": c.item.you_said[:80], "text": c.text, "written_at": c.created_at.isoformat()}
            for c in Comment.objects.filter(author=user).select_related("item")
        ],
        "following": [
            f.item.you_said[:80] for f in Follow.objects.filter(member=user).select_related("item")
        ],
        "notifications": [
            {"message": n.message, "sent_at": n.created_at.isoformat()}
            for n in Notification.objects.filter(member=user)
        ],
    }


SOURCES = [reflections_data]


def forget_member(user):
    Comment.objects.filter(author=user).delete()
    # Follows, notifications and memberships go with the account (on_delete=CASCADE);
    # raised_by and changed_by become empty (SET_NULL).

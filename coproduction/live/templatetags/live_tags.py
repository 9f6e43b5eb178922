"""Template filters for live sessions."""

from django import template

register = template.Library()


@register.filter
def record_readable_by(session, user):
    """Whether `user` may open the session's record (and its transcript)."""
    return session.may_read_record(user)

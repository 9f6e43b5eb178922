from wagtail.models import Page

from coproduction.live.hosts import LiveHostMixin


class MeetingPage(LiveHostMixin, Page):
    """A group's meeting page: knows nothing of consultations, and holds live sessions."""

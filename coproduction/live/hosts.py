"""Pages that host live sessions.

A page type becomes a host by mixing in `LiveHostMixin`: it gets the member's page, the
chair's console, the form-post fallback, the transcript and the session record as named
routes (`page.url_for("live_page", session.pk)`, `{% routablepageurl page "chair_console" session.pk %}`).
"""

from wagtail.admin.panels import PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import get_page_models


class LiveHostMixin(RoutablePageMixin):
    """Gives a page type the live session routes; its sessions are `page.live_sessions`."""

    def url_for(self, route_name, *args):
        """The address of one of the page's routes, e.g. `page.url_for("live_page", 3)`."""
        return self.url + self.reverse_subpage(route_name, args=args)

    def live_may_join(self, session, user):
        """Whether the host lets this signed-in person into one of its sessions.

        The session's own rule (anyone signed in, invited, a group) applies as well; chairs
        and captioners are always let in. A host narrows it, e.g. an event admits only people
        with a place who take part online. The engine's default lets everyone through.
        """
        return True

    def live_place_allowed(self, session, user, place):
        """Whether a socket may say it is at `place` (e.g. "item:12") within the session.

        A place is an opaque label the host gives its pages; presence is also counted per
        place, so people at one place see who else is there.
        """
        return True

    # The views import the models, which import this module: each route imports its view
    # when a request comes in.
    @path("live/<int:session_id>/", name="live_page")
    def live_page_route(self, request, session_id):
        from .views import live_page

        return live_page(request, self, session_id)

    @path("live/<int:session_id>/chair/", name="chair_console")
    def chair_console_route(self, request, session_id):
        from .views import chair_console

        return chair_console(request, self, session_id)

    @path("live/<int:session_id>/action/", name="live_action")
    def live_action_route(self, request, session_id):
        from .views import live_action

        return live_action(request, self, session_id)

    @path("live/<int:session_id>/transcript/", name="transcript")
    def transcript_route(self, request, session_id):
        from .views import transcript

        return transcript(request, self, session_id)

    @path("live/<int:session_id>/record/", name="session_record")
    def session_record_route(self, request, session_id):
        from .views import session_record

        return session_record(request, self, session_id)


def can_host(page_class):
    return issubclass(page_class, LiveHostMixin)


def host_page_models():
    """Every page type that can hold live sessions, from every installed app."""
    return [model for model in get_page_models() if can_host(model)]


class HostPanel(PageChooserPanel):
    """The host chooser: it offers only the page types that can hold live sessions.

    The list is read when the form is built, so a host type from any app counts.
    """

    def get_form_options(self):
        self.page_type = host_page_models() or None
        return super().get_form_options()

"""Sections other apps add to the live pages, without the engine naming them.

An app registers a function for the Wagtail hook `live_session_panels` in its
`wagtail_hooks.py`. It gets the request, the session, the person's role and the form a
refused post came back with (or None), and returns HTML already made safe, e.g. by
`render_to_string` (or "" for nothing); consultations
adds its live polls this way. Each panel must be a self-contained section with a heading.
"""

from wagtail import hooks

LIVE_PANEL_HOOK = "live_session_panels"


def panels_for(request, session, role, refused=None):
    """The extra sections for this person's page, in the hooks' order."""
    rendered = (panel(request, session, role, refused) for panel in hooks.get_hooks(LIVE_PANEL_HOOK))
    return [html for html in rendered if html]

"""The home page's sections, each one contributed by an app through a Wagtail hook.

An app adds a section by registering a function for the `register_home_section` hook in
its `wagtail_hooks.py`. The function gets the home page and the request and returns a
`HomeSection` (or None); the hook's `order` is the section's place on the page, lower
first. The home page shows a section only when it lists something, and knows no app.

    @hooks.register(HOME_SECTION_HOOK, order=200)
    def open_consultations(home_page, request):
        return HomeSection(_("Open consultations"), [...])
"""

from dataclasses import dataclass

from wagtail import hooks

HOME_SECTION_HOOK = "register_home_section"


@dataclass(frozen=True)
class HomeSection:
    """A heading on the home page and the pages listed under it."""

    heading: str
    pages: list


def home_sections(home_page, request=None):
    """Every app's section for this home page, in the hooks' order, without the empty ones."""
    sections = []
    for contribute in hooks.get_hooks(HOME_SECTION_HOOK):
        section = contribute(home_page, request)
        if section is None:
            continue
        pages = list(section.pages)
        if pages:
            sections.append(HomeSection(section.heading, pages))
    return sections

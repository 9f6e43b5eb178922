"""How every page under an event or a World Café is rendered, and the refusals they share."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def render_subpage(request, page, template, context=None, status=200, subpage_title=None):
    """A page under an event or World Café, with the page and its title for the breadcrumbs."""
    context = {"page": page, "subpage_title": subpage_title, **(context or {})}
    return TemplateResponse(request, template, context, status=status)


def not_allowed(request, page, message, subpage_title=None):
    """A 403 that says, in words, who may see this and why this person may not."""
    return render_subpage(
        request,
        page,
        "events/not_allowed.html",
        {"message": message},
        status=403,
        subpage_title=subpage_title or _("Not available"),
    )


def site_url(request):
    """The scheme and host this request came to, for links in emails and calendar files."""
    return request.build_absolute_uri("/").rstrip("/")

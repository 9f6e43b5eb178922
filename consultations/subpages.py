"""What every page under a consultation shares: how it is rendered, and which version
(easy read or standard) the person reads."""

from django.template.response import TemplateResponse

from coproduction.members.preferences import preferences_for


def easy_read_first(request):
    """Easy read comes first if the person chose it, or asked for it in the address."""
    version = request.GET.get("version")
    if version in ("easy-read", "standard"):
        return version == "easy-read"
    return preferences_for(request).easy_read_first


def version_query(request):
    """The address's choice of version (`?version=easy-read` or standard), to carry to the
    next step of the journey; empty when the address did not choose one."""
    version = request.GET.get("version")
    return f"?version={version}" if version in ("easy-read", "standard") else ""


def render_subpage(request, page, template, context=None, status=200, subpage_title=None):
    """A page under the consultation, with the consultation, its title and the version."""
    context = {
        "page": page,
        "subpage_title": subpage_title,
        "version_query": version_query(request),
        **(context or {}),
    }
    return TemplateResponse(request, template, context, status=status)

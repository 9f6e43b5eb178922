"""Small template helpers for content pages."""

import os

from django import template
from django.template.defaultfilters import filesizeformat

register = template.Library()


@register.filter
def file_description(document):
    """'PDF, 240 KB': the format and size people need before they download."""
    extension = os.path.splitext(document.filename)[1].lstrip(".").upper() or "File"
    try:
        size = document.get_file_size()
    except OSError:
        size = None
    return f"{extension}, {filesizeformat(size)}" if size else extension


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*parts):
    """Home, then (title, url) pairs, then the current page's title last.

    {% breadcrumbs "Your profile" profile_url "Edit your profile" %}
    """
    crumbs = [("Home", "/")]
    *pairs, current = parts
    crumbs += list(zip(pairs[0::2], pairs[1::2], strict=True))
    crumbs.append((current, ""))
    return {"crumbs": crumbs}


@register.inclusion_tag("includes/what_happened.html", takes_context=True)
def what_happened(context, obj):
    """What became of something people said (a theme, a question): the links apps register for it."""
    from home.sources import source_links

    links = source_links(obj, context.get("request"))
    return {
        "followups": [link for link in links if not link.is_action],
        "actions": [link for link in links if link.is_action],
    }

"""A cap on the number of form fields in one request, tight on public pages.

The largest public form is a question with the most choices a board may give it, or the
moderation of one written answer with every theme ticked: a few dozen fields. The Wagtail
page editor sends several fields per question and per choice (the demo's largest
consultation page sends 210), so it has its own, larger cap. docs/security.md has the
numbers.
"""

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def field_limit(request):
    """How many fields this request may carry: the admin's cap, or the public one."""
    if request.path.startswith(reverse("wagtailadmin_home")):
        return settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    return settings.PUBLIC_FORM_MAX_FIELDS


def _values(query_dict):
    return sum(len(values) for _name, values in query_dict.lists())


def field_count(request, limit):
    """The fields in the address or the form, whichever is more; past Django's own cap,
    parsing stops and the count is reported as just over the limit."""
    try:
        count = _values(request.GET)
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            count = max(count, _values(request.POST))
    except TooManyFieldsSent:
        return max(limit, settings.DATA_UPLOAD_MAX_NUMBER_FIELDS) + 1
    return count


class FormFieldLimitMiddleware:
    """Answers a request with more form fields than any form here needs with a clear 400 page,
    before any view (or Django's own parser, later on) can fail on it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = field_limit(request)
        if field_count(request, limit) > limit:
            return too_many_fields(request, limit)
        return self.get_response(request)


def too_many_fields(request, limit):
    # The page is drawn without the refused data, so that nothing on it reads it again.
    request.GET = QueryDict()
    request._post, request._files = QueryDict(), MultiValueDict()
    response = TemplateResponse(request, "too_many_fields.html", {"limit": limit}, status=400)
    return response.render()

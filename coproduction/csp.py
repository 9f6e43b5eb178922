"""The Content-Security-Policy header: strict on the site, looser in the Wagtail admin.

django-csp sends the policy in settings.CONTENT_SECURITY_POLICY. This adds the site's own
WebSocket address to connect-src (older browsers do not count ws:/wss: as 'self'), and
gives the Wagtail admin, which needs inline script and style, the policy in
settings.ADMIN_CONTENT_SECURITY_POLICY. docs/security.md explains both.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy and the site's WebSockets allowed."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        scheme = "wss" if request.is_secure() else "ws"
        parts.update = {**(parts.update or {}), "connect-src": [f"{scheme}://{request.get_host()}"]}
        return parts

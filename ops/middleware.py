"""Security headers that Django and django-csp do not set the way this site needs."""

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


def is_admin_request(request):
    return request.path_info.startswith(settings.ADMIN_URL_PREFIX)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with a second, looser policy scoped to the Wagtail admin.

    Public pages get ``CONTENT_SECURITY_POLICY``: scripts only from this site or with
    the per-request nonce, never inline. The admin's own templates and its editor still
    use inline scripts and styles, so paths under ``ADMIN_URL_PREFIX`` get
    ``CONTENT_SECURITY_POLICY_ADMIN`` instead. A policy a view sets with django-csp's
    decorators still wins.

    Wagtail renders previews by sending a dummy request for the page's public path
    through the middleware (``request.is_dummy``). Those keep the public policy, so an
    editor sees in the preview what readers' browsers will allow, but may be framed by
    the admin's preview panel on the same origin.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and is_admin_request(request):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        elif getattr(request, "is_dummy", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` (from ``settings.PERMISSIONS_POLICY``) to every
    response that has none, so browser features the site never uses stay switched off
    even if someone manages to inject markup."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})" for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response

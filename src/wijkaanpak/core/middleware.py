"""Security headers that Django 5.2 does not set itself: Content-Security-Policy, Permissions-Policy,
and Cache-Control for answers that carry personal data."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# Pages and API answers under these paths can carry personal data (residents' data in outreach,
# the audit log, accounts with their tokens and second factors, the admin): no browser, proxy or
# shared cache may keep them (issue 12: `Cache-Control: no-store, private`).
PERSONAL_DATA_PATHS = (
    "/outreach/",
    "/api/v1/outreach/",
    "/accounts/",
    "/api/v1/auth/",
    "/admin/",
)
NO_STORE = "no-store, private"


def carries_personal_data(path: str) -> bool:
    return path.startswith(PERSONAL_DATA_PATHS)


class SecurityHeadersMiddleware:
    """Adds CSP and Permissions-Policy (from settings) unless a view set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        csp = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if csp and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = csp
        permissions = getattr(settings, "PERMISSIONS_POLICY", "")
        if permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if carries_personal_data(request.path_info):
            response["Cache-Control"] = NO_STORE  # whatever the view set (errors included)
        return response

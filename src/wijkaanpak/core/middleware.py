"""Security headers that Django 5.2 does not set itself: Content-Security-Policy, Permissions-Policy,
and Cache-Control for answers that carry personal data."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from wijkaanpak.core.exceptions import Forbidden, NotFound

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


class DomainErrorPagesMiddleware:
    """The Dutch 404 and 403 pages for refusals from the app's own domain errors, also while
    DEBUG is on (Django would show its English technical 404 page, with the URL list).

    Handles NotFound/Forbidden raised by a view, and Http404/PermissionDenied raised *from* one
    (``raise Http404(...) from exc``, as the views' helpers do). Other 404s, and the API (which
    answers problem details), are left to Django.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path_info.startswith("/api/"):
            return None
        cause = exception.__cause__
        if isinstance(exception, NotFound) or (
            isinstance(exception, Http404) and isinstance(cause, NotFound)
        ):
            template, status = "404.html", 404
        elif isinstance(exception, Forbidden) or (
            isinstance(exception, PermissionDenied) and isinstance(cause, Forbidden)
        ):
            template, status = "403.html", 403
        else:
            return None
        message = None
        if status == 403:
            refusal = exception if isinstance(exception, Forbidden) else cause
            message = getattr(refusal, "message", None)
        response = TemplateResponse(request, template, {"exception": message}, status=status)
        return response.render()

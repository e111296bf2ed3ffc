"""Error handlers (handler404/handler500): the API answers problem details (RFC 9457) even for URLs it does not know."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views import defaults

from wijkaanpak.core.problems import problem


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return problem(404, "Not found")
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return problem(500, "Internal server error")
    return defaults.server_error(request)

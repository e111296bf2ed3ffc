"""What a locked-out login attempt gets (django-axes calls `lockout_response`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from wijkaanpak.core.problems import problem

STATUS = 429


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    message = _("Too many failed login attempts. Try again in 15 minutes.")
    if request.path.startswith("/api/"):
        response = problem(STATUS, message)
        response["Retry-After"] = "900"
        return response
    response = render(request, "accounts/locked_out.html", {"message": message}, status=STATUS)
    response["Retry-After"] = "900"
    return response

"""Authenticate `Authorization: Bearer <token>` requests as the token's user."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from wijkaanpak.accounts import selectors, services
from wijkaanpak.core.problems import problem


class BearerTokenMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            raw = header[7:].strip()
            token = selectors.token_from_raw(raw=raw) if raw else None
            if token is None:
                return problem(401, "Invalid or expired token")
            services.api_token_touch(token=token)
            request.user = token.user
            request.auth_by_token = True  # type: ignore[attr-defined]
            # Tokens are not sent by browsers on their own, so CSRF does not apply.
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)

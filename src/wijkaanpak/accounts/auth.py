"""Ninja auth for endpoints that need a logged-in user (token or session)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security.http import HttpBearer
from ninja.utils import check_csrf


class LoggedIn(HttpBearer):
    """Accepts a user authenticated by the bearer-token middleware or by the session.

    Session-authenticated writes must carry a CSRF token; token requests need none.
    """

    def __call__(self, request: HttpRequest) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(request, "auth_by_token", False) and request.method not in (
            "GET",
            "HEAD",
            "OPTIONS",
        ):
            error = check_csrf(request)
            if error:
                return None
        return user

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:  # pragma: no cover
        return None


logged_in = LoggedIn()

"""Authenticate `Authorization: Bearer <token>` requests as the token's user."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from wijkaanpak.accounts import selectors, services
from wijkaanpak.core.problems import problem


class BearerTokenMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            raw = header[7:].strip()
            found = selectors.user_from_token(raw=raw) if raw else None
            if found is not None and found.dead:
                services.api_token_delete(token_id=found.token_id)
            if found is None or found.dead:
                return problem(401, "Invalid or expired token")
            if found.stale:
                services.api_token_touch(token_id=found.token_id)
            request.user = found.user
            request.auth_by_token = True  # type: ignore[attr-defined]
            # Tokens are not sent by browsers on their own, so CSRF does not apply.
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)


# Paths a user who still owes a second factor may reach (besides the 2FA pages themselves).
TWO_FACTOR_OPEN_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/static/", "/i18n/")


class TwoFactorMiddleware:
    """Block session users who need 2FA (selectors.user_requires_2fa) until they verified a code.

    Pages redirect to enrolment (no device yet) or to verification; the API answers 403.
    Bearer-token requests pass: a token is only issued after the second factor (api_token_create),
    and a token issued without one dies when the user comes to need it (user_from_token).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not getattr(request, "auth_by_token", False)
            and not request.path_info.startswith(TWO_FACTOR_OPEN_PREFIXES)
            and selectors.user_requires_2fa(user=user)
            and not _is_verified(user)
        ):
            if request.path_info.startswith("/api/"):
                return problem(403, "Two-factor verification required: log in on the web first")
            name = (
                "accounts:2fa_verify"
                if selectors.user_has_confirmed_device(user=user)
                else "accounts:2fa_setup"
            )
            return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def _is_verified(user: object) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False

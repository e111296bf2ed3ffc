"""Login throttling: the limits (`LoginThrottle`, django-axes' handler) and what a locked-out
login attempt gets (django-axes calls `lockout_response`)."""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_parameters, get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
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


def _failure_limit(parameters: frozenset[str]) -> int:
    """How many failures within the cool-off time lock out one combination of parameters."""
    if parameters == {"ip_address"}:
        return int(settings.AXES_IP_FAILURE_LIMIT)
    if parameters == {"username"}:
        return int(settings.AXES_USERNAME_FAILURE_LIMIT)
    return int(settings.AXES_FAILURE_LIMIT)


class LoginThrottle(AxesDatabaseHandler):  # type: ignore[misc,unused-ignore]  # axes is untyped
    """django-axes' database handler with a limit per combination of lockout parameters.

    Axes counts the failures of each combination in AXES_LOCKOUT_PARAMETERS (one username from
    one address; one address with any usernames; one username from any addresses) but compares
    them all with the one AXES_FAILURE_LIMIT. Here each count is scaled to that limit, so that
    a combination is locked out exactly when its own limit is reached: password spraying from one
    address (many usernames, few tries each) and a distributed attack on one username are
    stopped as well, with the same 429.
    """

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        base = int(settings.AXES_FAILURE_LIMIT)
        username = get_client_username(request, credentials)
        parameters = get_client_parameters(
            username,
            request.axes_ip_address,  # type: ignore[attr-defined]
            request.axes_user_agent,  # type: ignore[attr-defined]
            request,
            credentials,
        )
        worst = 0
        for kwargs, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            worst = max(worst, failures * base // _failure_limit(frozenset(kwargs)))
        return worst

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """A successful login forgives the failures of its own username and address only:
        logging in to one's own account must not reset the count of a whole address."""
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
        ).delete()
        return int(count)

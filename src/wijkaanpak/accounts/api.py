from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from wijkaanpak.accounts import services
from wijkaanpak.core.api_utils import Problem

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str
    otp: str | None = None


class TokenOut(Schema):
    token: str


@router.post(
    "/token",
    response={200: TokenOut, 401: Problem, 422: Problem, 429: Problem},
    auth=None,
    summary="Log in for a bearer token",
    description=(
        "Accounts that need two-factor authentication also send `otp`, the current code "
        "from their authenticator app. Repeated failures lock the username out for a while "
        "(429)."
    ),
)
def token_create(request: HttpRequest, payload: TokenIn) -> dict[str, str]:
    return {
        "token": services.api_token_create(
            username=payload.username,
            password=payload.password,
            request=request,
            otp=payload.otp,
        )
    }

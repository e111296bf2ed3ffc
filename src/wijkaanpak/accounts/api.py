from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from wijkaanpak.accounts import selectors, services
from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.accounts.models import ApiToken
from wijkaanpak.core.api_utils import Id, Problem, paginate

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str
    otp: str | None = None


class TokenOut(Schema):
    token: str
    id: int
    expires_at: dt.datetime


class TokenInfo(Schema):
    id: int
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    two_factor: bool


class TokenList(Schema):
    count: int
    items: list[TokenInfo]


def token_info(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "two_factor": token.two_factor,
    }


@router.post(
    "/token",
    response={200: TokenOut, 401: Problem, 422: Problem, 429: Problem},
    auth=None,
    summary="Log in for a bearer token",
    description=(
        "Accounts that need two-factor authentication also send `otp`, the current code "
        "from their authenticator app. Repeated failures lock the username out for a while "
        "(429). The token ends at `expires_at` (8 hours unless configured otherwise), when it "
        "is revoked, when the password changes or the account is deactivated."
    ),
)
def token_create(request: HttpRequest, payload: TokenIn) -> dict[str, Any]:
    raw, token = services.api_token_issue(
        username=payload.username,
        password=payload.password,
        request=request,
        otp=payload.otp,
    )
    return {"token": raw, "id": token.pk, "expires_at": token.expires_at}


@router.get(
    "/tokens/",
    response={200: TokenList, 401: Problem, 422: Problem},
    auth=logged_in,
    summary="Your API tokens that can still be used",
)
def token_list(request: HttpRequest, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    return paginate(
        selectors.api_tokens_of(user=request.user), limit=limit, offset=offset, serialize=token_info
    )


@router.delete(
    "/tokens/{token_id}/",
    response={204: None, 401: Problem, 404: Problem, 422: Problem},
    auth=logged_in,
    summary="Revoke one of your API tokens",
    description="The token stops working at once. Another user's token answers 404.",
)
def token_revoke(request: HttpRequest, token_id: Id) -> Status[None]:
    services.api_token_revoke(token=selectors.api_token_of(user=request.user, token_id=token_id))
    return Status(204, None)

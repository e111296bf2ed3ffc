from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from wijkaanpak.accounts import services

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


@router.post("/token", response={200: TokenOut}, auth=None, summary="Log in for a bearer token")
def token_create(request: HttpRequest, payload: TokenIn) -> dict[str, str]:
    return {
        "token": services.api_token_create(username=payload.username, password=payload.password)
    }

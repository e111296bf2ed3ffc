"""The password backend: Django's ModelBackend that refuses the demo password outside DEBUG."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class PasswordBackend(ModelBackend):
    """Like ModelBackend, but the published demo password never logs anyone in when DEBUG is off.

    Demo users cannot be created with DEBUG off (services.demo_user_create), but a database
    copied from a demo, or a person who chose the demo password, must not get in either.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any | None:
        if not settings.DEBUG and password == settings.DEMO_PASSWORD:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

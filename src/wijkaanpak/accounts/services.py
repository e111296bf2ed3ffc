"""Writes about users: tokens, memberships and demo users."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from wijkaanpak.accounts.models import (
    ApiToken,
    OrganisationMembership,
    ProgrammeMembership,
    ProgrammeRole,
    User,
)
from wijkaanpak.core.exceptions import DomainError


class InvalidCredentials(DomainError):
    status = 401


def api_token_create(*, username: str, password: str) -> str:
    """Check the credentials and return a new raw token (shown once, stored hashed)."""
    user = authenticate(username=username, password=password)
    if user is None or not user.is_active:
        raise InvalidCredentials("Invalid username or password")
    raw = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, key_hash=ApiToken.hash(raw))
    return raw


TOKEN_TOUCH_INTERVAL = dt.timedelta(minutes=5)


def api_token_touch(*, token: ApiToken) -> bool:
    """Record that the token was used, at most once per TOKEN_TOUCH_INTERVAL.

    `last_used_at` is for spotting stale tokens, so minute precision is plenty; writing it on
    every request would add an UPDATE (and a row version) to every API read. Returns whether
    it wrote.
    """
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < TOKEN_TOUCH_INTERVAL:
        return False
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    return True


@transaction.atomic
def programme_membership_set(
    *, user: User, programme: Any, role: ProgrammeRole
) -> ProgrammeMembership:
    membership, _ = ProgrammeMembership.objects.update_or_create(
        user=user, programme=programme, defaults={"role": role}
    )
    return membership


@transaction.atomic
def organisation_membership_add(
    *, user: User, organisation: Any, job_title: str = ""
) -> OrganisationMembership:
    membership, _ = OrganisationMembership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"job_title": job_title}
    )
    return membership


def demo_user_create(*, username: str, first_name: str = "", last_name: str = "") -> User:
    """Create (or reset) a demo user with the public demo password. Refused when DEBUG is off."""
    if not settings.DEBUG:
        raise ImproperlyConfigured(
            "Demo users have a published password and may not be created when DEBUG is off."
        )
    user, _ = User.objects.get_or_create(username=username)
    user.first_name = first_name
    user.last_name = last_name
    user.email = f"{username}@demo.invalid"
    user.set_password(settings.DEMO_PASSWORD)
    user.save()
    return user

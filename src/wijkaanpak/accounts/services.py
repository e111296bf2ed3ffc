"""Writes about users: tokens, memberships and demo users."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from wijkaanpak.accounts.models import (
    ApiToken,
    MunicipalityMembership,
    OrganisationMembership,
    ProgrammeMembership,
    ProgrammeRole,
    User,
)
from wijkaanpak.core.exceptions import DomainError


class InvalidCredentials(DomainError):
    status = 401


class TooManyAttempts(DomainError):
    status = 429


def api_token_create(
    *, username: str, password: str, request: Any = None, otp: str | None = None
) -> str:
    """Check the credentials and return a new raw token (shown once, stored hashed)."""
    raw, _token = api_token_issue(username=username, password=password, request=request, otp=otp)
    return raw


def api_token_issue(
    *, username: str, password: str, request: Any = None, otp: str | None = None
) -> tuple[str, ApiToken]:
    """Check the credentials; return a new raw token (shown once, stored hashed) and its row.

    Login throttling (django-axes) needs the request; users who need two-factor
    authentication (selectors.user_requires_2fa) must also send a current TOTP code.
    The token ends after settings.API_TOKEN_LIFETIME_HOURS (see models.ApiToken for the rest).
    """
    from django.http import HttpRequest
    from django_otp import match_token

    from wijkaanpak.accounts.selectors import user_requires_2fa
    from wijkaanpak.accounts.two_factor import is_demo_user

    if request is None:
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"
    user = authenticate(request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        raise TooManyAttempts("Too many failed login attempts. Try again in 15 minutes.")
    if user is None or not user.is_active:
        raise InvalidCredentials("Invalid username or password")
    if not settings.DEBUG and is_demo_user(user):
        raise InvalidCredentials("Invalid username or password")
    verified = bool(otp) and match_token(user, (otp or "").strip()) is not None
    if user_requires_2fa(user=user) and not verified:
        raise InvalidCredentials(
            "A valid two-factor code (field `otp`) is required for this account",
            errors=[{"field": "otp", "message": "A current code from your authenticator app"}],
        )
    # Expired tokens are of no use to anyone: clear the user's away while we are here.
    ApiToken.objects.filter(user=user, expires_at__lte=timezone.now()).delete()
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, key_hash=ApiToken.hash(raw), two_factor=verified)
    return raw, token


def api_token_revoke(*, token: ApiToken) -> None:
    """End a token now (its holder through the API, an administrator in the admin)."""
    token.delete()


def api_token_delete(*, token_id: int) -> None:
    """Remove a token found dead at use (selectors.user_from_token)."""
    ApiToken.objects.filter(pk=token_id).delete()


def api_tokens_end_without_second_factor(*, user: User) -> int:
    """End the user's tokens issued without a second factor if the user now needs one."""
    from wijkaanpak.accounts.selectors import user_requires_2fa

    tokens = ApiToken.objects.filter(user=user, two_factor=False)
    if not tokens.exists() or not user_requires_2fa(user=user):
        return 0
    count, _ = tokens.delete()
    return int(count)


def api_tokens_end_for_user(*, user: User) -> int:
    """End all tokens of a user (deactivated, or a new password); returns how many."""
    count, _ = ApiToken.objects.filter(user=user).delete()
    return int(count)


def api_token_touch(*, token_id: int) -> None:
    """Record that the token was used. The middleware calls this at most once per
    TOKEN_TOUCH_INTERVAL (selectors.user_from_token says when): `last_used_at` is for spotting
    stale tokens, so minute precision is plenty, and writing it on every request would add an
    UPDATE (and a row version) to every API read."""
    ApiToken.objects.filter(pk=token_id).update(last_used_at=timezone.now())


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


# --- Two-factor authentication (TOTP) ------------------------------------------------------


def totp_device_start(*, user: User | AnonymousUser) -> Any:
    """The user's unconfirmed authenticator device, created on first use (enrolment)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def totp_device_secret(*, device: Any) -> str:
    """The shared secret in base32, grouped by four, for typing into an authenticator app."""
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_device_qr_svg(*, device: Any) -> str:
    import segno

    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code")
    return str(svg).replace("<svg ", '<svg role="img" ', 1)


@transaction.atomic
def totp_device_confirm(*, request: Any, device: Any, token: str) -> bool:
    """Confirm the device with a first code; the session then counts as verified."""
    from django_otp import login as otp_login

    if not device.verify_token(token.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return True


def totp_verify(*, request: Any, token: str) -> bool:
    """Check a code against the user's confirmed devices and mark the session verified."""
    from django_otp import login as otp_login
    from django_otp import match_token

    device = match_token(request.user, token.strip())
    if device is None:
        return False
    otp_login(request, device)
    return True


# --- Tenancy: municipality roles and data stewards (docs/roles.md) -------------------------


@transaction.atomic
def municipality_membership_set(
    *, user: User, municipality: Any, role: str = "admin"
) -> MunicipalityMembership:
    """Give the user a role in the municipality (its `gemeente` area)."""
    from django.utils.translation import gettext as _

    from wijkaanpak.accounts.models import MunicipalityRole
    from wijkaanpak.areas.models import AreaLevel
    from wijkaanpak.core.exceptions import InvalidInput

    if municipality.level != AreaLevel.MUNICIPALITY:
        raise InvalidInput(
            _("Not a municipality."),
            errors=[{"field": "municipality", "message": _("expected a gemeente (GMxxxx)")}],
        )
    membership, _created = MunicipalityMembership.objects.update_or_create(
        user=user, municipality=municipality, defaults={"role": MunicipalityRole(role)}
    )
    return membership


def data_steward_set(*, user: User, steward: bool = True) -> User:
    """Make the user a data steward of the installation (or end it)."""
    if user.is_data_steward != steward:
        user.is_data_steward = steward
        user.save(update_fields=["is_data_steward"])
    return user

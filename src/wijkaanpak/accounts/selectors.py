"""Reads about users: roles and the programmes and organisations they belong to."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, NamedTuple

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from wijkaanpak.accounts.actors import Viewer
from wijkaanpak.accounts.models import (
    ROLE_RANK,
    TOKEN_TOUCH_INTERVAL,
    ApiToken,
    ProgrammeMembership,
    ProgrammeRole,
    User,
)
from wijkaanpak.core import db

if TYPE_CHECKING:
    from wijkaanpak.programmes.models import Programme


def user_programme_role(
    *, user: User | AnonymousUser | None, programme: Programme
) -> ProgrammeRole | None:
    """The user's role in the programme, or None (also for None and anonymous users).
    Superusers, and the administrators of the programme's municipality, count as coordinators
    (docs/roles.md): this is the one check of "may this user change this programme's data"."""
    if not isinstance(user, User) or not user.is_active:
        return None
    if user.is_superuser or programme.municipality_id in municipality_admin_of(user=user):
        return ProgrammeRole.COORDINATOR
    cache: dict[int, str] | None = getattr(user, "_programme_roles", None)
    if cache is None:
        cache = dict(
            ProgrammeMembership.objects.filter(user=user).values_list("programme_id", "role")
        )
        user._programme_roles = cache  # type: ignore[attr-defined]
    role = cache.get(programme.pk)
    return ProgrammeRole(role) if role else None


def user_has_programme_role(
    *, user: User | AnonymousUser | None, programme: Programme, role: ProgrammeRole
) -> bool:
    current = user_programme_role(user=user, programme=programme)
    return current is not None and ROLE_RANK[current] >= ROLE_RANK[role]


def user_organisation_ids(*, user: User | AnonymousUser) -> set[int]:
    if not isinstance(user, User):
        return set()
    cache: set[int] | None = getattr(user, "_organisation_ids", None)
    if cache is None:
        cache = set(user.organisation_memberships.values_list("organisation_id", flat=True))
        user._organisation_ids = cache  # type: ignore[attr-defined]
    return cache


class TokenUser(NamedTuple):
    user: User
    token_id: int
    stale: bool  # not recorded as used within TOKEN_TOUCH_INTERVAL
    # The token exists but may no longer be used: the password changed, or the user now needs a
    # second factor the token was issued without, or a demo user with DEBUG off. The middleware
    # refuses it and deletes it (a dead token stays dead).
    dead: bool = False


def user_from_token(*, raw: str) -> TokenUser | None:
    """The active user of a bearer token that has not expired, with the token's id, or None.

    One plain, prepared query (core/db.py): it runs on every API request, and the ORM's
    select_related over token and user cost three times as much CPU. `last_login` and
    `date_joined` are deferred (loaded if asked for): API requests do not use them, and
    timestamps with a time zone are the slowest values to read.
    """
    sql, names = _token_sql()
    now = timezone.now()
    since = connection.ops.adapt_datetimefield_value(now - TOKEN_TOUCH_INTERVAL)
    rows = db.fetch_all(
        sql, [since, ApiToken.hash(raw), connection.ops.adapt_datetimefield_value(now)]
    )
    if not rows:
        return None
    *values, token_id, stale, two_factor, fingerprint = rows[0]
    user = User.from_db(connection.alias, names, values)
    # The two-factor rules cost queries (outreach roles), so a token issued without a second
    # factor is held against them when its use is recorded: on first use and then at least
    # every TOKEN_TOUCH_INTERVAL. Changes on the user row itself (the flag, staff) end such
    # tokens at once (signals.user_saved).
    alive = token_alive(user, bool(two_factor), fingerprint, check_rules=bool(stale))
    return TokenUser(user, token_id, bool(stale), dead=not alive)


def token_alive(
    user: User, two_factor: bool, fingerprint: str, *, check_rules: bool = True
) -> bool:
    """Whether a token of this (active) user that has not expired may still be used."""
    from django.conf import settings
    from django.utils.crypto import constant_time_compare

    from wijkaanpak.accounts.models import password_fingerprint
    from wijkaanpak.accounts.two_factor import is_demo_user

    if not constant_time_compare(fingerprint, password_fingerprint(user)):
        return False  # the password changed since the token was issued
    if not settings.DEBUG and is_demo_user(user):
        return False  # demo users are refused in production, as at login
    # Issued without a second factor (not needed then, or a demo user under DEBUG): dead once
    # the user needs one (a new role, the flag set, DEBUG off for a demo user).
    return two_factor or not check_rules or not user_requires_2fa(user=user)


@functools.cache
def _token_sql() -> tuple[str, list[str]]:
    qn = connection.ops.quote_name
    fields = [f for f in User._meta.concrete_fields if f.name not in ("last_login", "date_joined")]
    columns = ", ".join(f"u.{qn(f.column)}" for f in fields)
    sql = (
        f"SELECT {columns}, t.id,"  # noqa: S608 (table names, not input)
        f" (t.last_used_at IS NULL OR t.last_used_at < %s), t.two_factor, t.password_fingerprint"
        f" FROM {qn(ApiToken._meta.db_table)} t"
        f" JOIN {qn(User._meta.db_table)} u ON u.id = t.user_id"
        f" WHERE t.key_hash = %s AND t.expires_at > %s AND u.is_active"
    )
    return sql, [f.attname for f in fields]


def api_tokens_of(*, user: Viewer) -> list[ApiToken]:
    """The user's tokens that can still be used, newest first (for listing and revoking)."""
    if not isinstance(user, User):
        return []
    tokens = ApiToken.objects.filter(user=user, expires_at__gt=timezone.now()).order_by(
        "-created_at", "-pk"
    )
    return [t for t in tokens if token_alive(user, t.two_factor, t.password_fingerprint)]


def api_token_of(*, user: Viewer, token_id: int) -> ApiToken:
    """One token of the user, or NotFound (another user's token does not exist for them)."""
    from wijkaanpak.core.exceptions import NotFound

    pk = getattr(user, "pk", None)
    token = ApiToken.objects.filter(user_id=pk, pk=token_id).first() if pk else None
    if token is None:
        raise NotFound("Token not found")
    return token


def programme_memberships(*, user: User) -> QuerySet[ProgrammeMembership]:
    return ProgrammeMembership.objects.filter(user=user).select_related("programme")


def user_requires_2fa(*, user: User | AnonymousUser | None) -> bool:
    """Whether this user must pass a second factor (see accounts/two_factor.py for the rules)."""
    from wijkaanpak.accounts.two_factor import demo_exempt, two_factor_rules

    if not isinstance(user, User):
        return False
    if demo_exempt(user):
        return False
    if user.is_superuser or user.is_staff or getattr(user, "requires_two_factor", False):
        return True
    return any(rule(user) for rule in two_factor_rules())


def user_has_confirmed_device(*, user: User | AnonymousUser) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))


# --- Team management (team app): who sets up a programme and manages its team --------------
# Kept apart from the tenancy helpers; both read MunicipalityMembership.


def user_administered_municipality_ids(*, user: User | AnonymousUser | None) -> set[int]:
    """Ids of the municipalities (their `gemeente` areas) the user administers (cached)."""
    from wijkaanpak.accounts.models import MunicipalityMembership, MunicipalityRole

    if not isinstance(user, User) or not user.is_active:
        return set()
    cache: set[int] | None = getattr(user, "_administered_municipality_ids", None)
    if cache is None:
        cache = set(
            MunicipalityMembership.objects.filter(
                user=user, role=MunicipalityRole.ADMIN
            ).values_list("municipality_id", flat=True)
        )
        user._administered_municipality_ids = cache  # type: ignore[attr-defined]
    return cache


def user_may_create_programme(*, user: User | AnonymousUser | None, municipality_id: int) -> bool:
    """Installation admins, and the municipality's administrators, create its programmes."""
    if isinstance(user, User) and user.is_superuser and user.is_active:
        return True
    return municipality_id in user_administered_municipality_ids(user=user)


def user_may_manage_programme(*, user: User | AnonymousUser | None, programme: Programme) -> bool:
    """Whether the user may change the programme itself (details, ambitions, themes) and its
    team (invitations, roles): its coordinators, the administrators of its municipality, and
    installation admins."""
    if user_has_programme_role(user=user, programme=programme, role=ProgrammeRole.COORDINATOR):
        return True
    return programme.municipality_id in user_administered_municipality_ids(user=user)


# --- Tenancy: municipality roles (docs/adr/0010-municipality-as-tenant.md, docs/roles.md) -------


def is_data_steward(*, user: User | AnonymousUser | None) -> bool:
    """The installation's data stewards (and superusers) maintain what the whole installation
    shares: the CBS area registry and the national indicators and their figures."""
    return isinstance(user, User) and user.is_active and (user.is_superuser or user.is_data_steward)


def municipality_admin_of(*, user: User | AnonymousUser | None) -> set[int]:
    """The ids of the municipalities (their `gemeente` areas) the user administers.
    Superusers administer every municipality, but get an empty set here: test
    `user.is_superuser` (or use `is_municipality_admin`) where that matters."""
    from wijkaanpak.accounts.models import MunicipalityMembership

    if not isinstance(user, User):
        return set()
    cache: set[int] | None = getattr(user, "_municipality_admin_of", None)
    if cache is None:
        cache = set(
            MunicipalityMembership.objects.filter(user=user).values_list(
                "municipality_id", flat=True
            )
        )
        user._municipality_admin_of = cache  # type: ignore[attr-defined]
    return cache


def is_municipality_admin(*, user: User | AnonymousUser | None, municipality_id: int) -> bool:
    """Whether the user administers this municipality (superusers: every municipality)."""
    if not isinstance(user, User):
        return False
    return user.is_superuser or municipality_id in municipality_admin_of(user=user)


def user_municipality_ids(
    *, user: User | AnonymousUser | None, minimum: ProgrammeRole = ProgrammeRole.VIEWER
) -> set[int]:
    """The municipalities the user works for: those it administers and those of the
    programmes in which it has at least `minimum` (two queries at most, cached on the user).
    Superusers and data stewards are not limited by this: test them separately."""
    if not isinstance(user, User):
        return set()
    cache: dict[str, set[int]] | None = getattr(user, "_programme_municipalities", None)
    if cache is None:
        cache = {}
        for municipality_id, role in ProgrammeMembership.objects.filter(user=user).values_list(
            "programme__municipality_id", "role"
        ):
            cache.setdefault(role, set()).add(municipality_id)
        user._programme_municipalities = cache  # type: ignore[attr-defined]
    found = set(municipality_admin_of(user=user))
    for role, ids in cache.items():
        if ROLE_RANK[ProgrammeRole(role)] >= ROLE_RANK[minimum]:
            found |= ids
    return found


def user_may_import_for(*, user: User | AnonymousUser | None) -> set[int] | None:
    """The municipalities whose areas (and own indicators) the user may import figures for:
    None for every one (data stewards, superusers); else those it administers or in which it
    coordinates a programme (an empty set: none)."""
    if is_data_steward(user=user):
        return None
    return user_municipality_ids(user=user, minimum=ProgrammeRole.COORDINATOR)


def user_may_create_organisation(*, user: User | AnonymousUser | None) -> bool:
    """The organisation directory is shared by the installation: every member reads it; new
    organisations come from municipality administrators and installation admins."""
    if not isinstance(user, User) or not user.is_active:
        return False
    return user.is_superuser or bool(municipality_admin_of(user=user))

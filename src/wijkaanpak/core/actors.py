"""Who makes a write: a signed-in user, or the installation itself.

Every service takes `by`. A page, the API or an admin action passes the user; the demo loader,
management commands and scheduled work pass `SYSTEM` explicitly, so that no write skips the role
check by leaving `by` out.
"""

from __future__ import annotations

from typing import Final, TypeAlias, final

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser


@final
class SystemActor:
    """The installation itself: the demo loader, a command, scheduled work."""

    __slots__ = ()
    is_authenticated: Final = True
    pk: Final = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Final = SystemActor()

#: A user as Django gives it (request.user) or the system.
Actor: TypeAlias = AbstractBaseUser | AnonymousUser | SystemActor


def is_system(by: object) -> bool:
    """True for a system write (`by=SYSTEM`)."""
    return by is SYSTEM

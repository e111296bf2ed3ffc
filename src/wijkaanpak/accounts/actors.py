"""Who makes a write, typed with this project's user model.

Every service takes `by: Actor`: the signed-in user (request.user) from a page, the API or an
admin action, or `SYSTEM` (core/actors.py) from the demo loader, a management command or
scheduled work. There is no default and `None` is refused, so no write skips the role check by
leaving `by` out.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser

from wijkaanpak.accounts.models import User
from wijkaanpak.core.actors import SYSTEM, SystemActor, is_system

__all__ = ["SYSTEM", "Actor", "Viewer", "acting_user", "is_system"]

#: request.user (a user or anonymous) or the system.
Actor: TypeAlias = User | AnonymousUser | SystemActor

#: Who reads, in a selector that a page or the API calls: request.user (never the system).
Viewer: TypeAlias = User | AnonymousUser


def acting_user(by: Actor) -> User | None:
    """The user to record as the author of a write: None for the system."""
    return by if isinstance(by, User) else None

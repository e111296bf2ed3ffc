"""Who makes a write: a signed-in user, or the installation itself.

Every service takes `by`. A page, the API or an admin action passes the user; the demo loader,
management commands and scheduled work pass `SYSTEM` explicitly, so that no write skips the role
check by leaving `by` out.
"""

from __future__ import annotations

from typing import Final, final

from typing_extensions import TypeIs


@final
class SystemActor:
    """The installation itself: the demo loader, a command, scheduled work."""

    __slots__ = ()
    is_authenticated: Final = True
    pk: Final = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Final = SystemActor()

# The type of `by` (a user of this project's user model, anonymous, or SYSTEM) is
# `wijkaanpak.accounts.actors.Actor`: core knows no domain app, the user model included.


def is_system(by: object) -> TypeIs[SystemActor]:
    """True for a system write (`by=SYSTEM`)."""
    return by is SYSTEM

"""Pages of the programme set-up (programme, ambitions, themes, their history) and the team
(members, invitations, roles, deactivation, accepting an invitation).

Callers import from this package; its modules are by resource.
"""

from __future__ import annotations

from wijkaanpak.team.views.ambitions import (
    ambition_create,
    ambition_edit,
    theme_create,
    theme_edit,
)
from wijkaanpak.team.views.common import (
    FIELD_LABELS,
    _conflict,
)
from wijkaanpak.team.views.joining import (
    invitation_accept,
)
from wijkaanpak.team.views.members import (
    invitation_withdraw,
    invite,
    member_deactivate,
    member_remove,
    member_role,
    team,
)
from wijkaanpak.team.views.programmes import (
    programme_create,
    programme_edit,
    setup,
)

__all__ = [
    "FIELD_LABELS",
    "_conflict",
    "programme_create",
    "programme_edit",
    "setup",
    "ambition_create",
    "ambition_edit",
    "theme_create",
    "theme_edit",
    "team",
    "invite",
    "member_role",
    "member_remove",
    "member_deactivate",
    "invitation_withdraw",
    "invitation_accept",
]

"""Programmes in the API: the public list and detail (moved here from the programmes app, so
that `POST /programmes/` can share their path), creating and changing a programme, its ambitions
and cross-cutting themes (with `version` and history), and its team: members, invitations,
roles, deactivation.

One module per resource, each adding its operations to the one router in common.py, in the
order below (the order of the OpenAPI paths). Callers import `router` from here.
"""

from __future__ import annotations

# isort: off
from wijkaanpak.team.api.common import (
    router,
)
from wijkaanpak.team.api.programmes import (
    AreaRef,
    ProgrammeOut,
    ProgrammeList,
    programme_out,
    programme_list,
    programme_detail,
    ProgrammeIn,
    programme_create,
    ProgrammePatch,
    programme_update,
)
from wijkaanpak.team.api.history import (
    SetupChangeOut,
    SetupChangeList,
    KINDS,
    changes_out,
    HISTORY_ERRORS,
    programme_history,
)
from wijkaanpak.team.api.ambitions import (
    AmbitionIn,
    AmbitionPatch,
    AmbitionDetail,
    ambition_out,
    ambition_create,
    ambition_detail,
    ambition_update,
    ambition_history,
)
from wijkaanpak.team.api.themes import (
    ThemeIn,
    ThemePatch,
    ThemeOut,
    ThemeList,
    theme_out,
    theme_list,
    theme_create,
    theme_update,
)
from wijkaanpak.team.api.members import (
    MemberOut,
    MemberList,
    member_out,
    member_list,
    RoleIn,
    member_role_set,
    member_remove,
    role_history,
    UserOut,
    user_deactivate,
)
from wijkaanpak.team.api.invitations import (
    InvitationIn,
    InvitationOut,
    InvitationList,
    invitation_out,
    invitation_create,
    invitation_list,
    invitation_withdraw,
)
# isort: on

# The OpenAPI operation ids stay those of the single module the API was before the split.
for _path_view in router.path_operations.values():
    for _operation in _path_view.operations:
        _operation.operation_id = _operation.operation_id or (
            f"wijkaanpak_team_api_{_operation.view_func.__name__}"
        )

__all__ = [
    "router",
    "SetupChangeOut",
    "SetupChangeList",
    "KINDS",
    "changes_out",
    "HISTORY_ERRORS",
    "programme_history",
    "AreaRef",
    "ProgrammeOut",
    "ProgrammeList",
    "programme_out",
    "programme_list",
    "programme_detail",
    "ProgrammeIn",
    "programme_create",
    "ProgrammePatch",
    "programme_update",
    "AmbitionIn",
    "AmbitionPatch",
    "AmbitionDetail",
    "ambition_out",
    "ambition_create",
    "ambition_detail",
    "ambition_update",
    "ambition_history",
    "ThemeIn",
    "ThemePatch",
    "ThemeOut",
    "ThemeList",
    "theme_out",
    "theme_list",
    "theme_create",
    "theme_update",
    "MemberOut",
    "MemberList",
    "member_out",
    "member_list",
    "RoleIn",
    "member_role_set",
    "member_remove",
    "role_history",
    "UserOut",
    "user_deactivate",
    "InvitationIn",
    "InvitationOut",
    "InvitationList",
    "invitation_out",
    "invitation_create",
    "invitation_list",
    "invitation_withdraw",
]

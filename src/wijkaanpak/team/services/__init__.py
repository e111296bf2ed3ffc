"""Writes of the programme set-up and its team: programmes, ambitions and cross-cutting themes
(with `version`, history by simple-history), invitations by e-mail, roles and deactivation.

Who may: `accounts.selectors.user_may_create_programme` (a programme in a municipality) and
`accounts.selectors.user_may_manage_programme` (everything else). See docs/team.md.

Callers import from this package; its modules are by resource.
"""

from __future__ import annotations

from wijkaanpak.team.services.ambitions import (
    ambition_create,
    ambition_update,
    theme_create,
    theme_update,
)
from wijkaanpak.team.services.common import (
    COLOUR_LENGTH,
    MAX_YEAR,
    MIN_YEAR,
    RESERVED_SLUGS,
    Gone,
)
from wijkaanpak.team.services.invitations import (
    INVITATION_EMAIL_JOB,
    invitation_accept_as,
    invitation_accept_new,
    invitation_account_exists,
    invitation_by_token,
    invitation_create,
    invitation_email_context,
    invitation_email_send,
    invitation_is_open,
    invitation_withdraw,
)
from wijkaanpak.team.services.programmes import (
    programme_create,
    programme_update,
)
from wijkaanpak.team.services.roles import (
    membership_remove,
    membership_set,
    user_deactivate,
)

__all__ = [
    "COLOUR_LENGTH",
    "MIN_YEAR",
    "MAX_YEAR",
    "RESERVED_SLUGS",
    "Gone",
    "programme_create",
    "programme_update",
    "ambition_create",
    "ambition_update",
    "theme_create",
    "theme_update",
    "membership_set",
    "membership_remove",
    "user_deactivate",
    "INVITATION_EMAIL_JOB",
    "invitation_create",
    "invitation_withdraw",
    "invitation_by_token",
    "invitation_accept_as",
    "invitation_account_exists",
    "invitation_accept_new",
    "invitation_email_context",
    "invitation_email_send",
    "invitation_is_open",
]

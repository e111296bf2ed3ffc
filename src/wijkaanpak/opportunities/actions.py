"""The programme page's buttons, decided in one place (issue 13): which actions the user may
take on the programme, for the page to show."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Viewer
from wijkaanpak.accounts.selectors import user_may_manage_programme
from wijkaanpak.opportunities.selectors import user_may_edit
from wijkaanpak.programmes.models import Programme


@dataclass(frozen=True)
class ProgrammeAction:
    """A button on the programme page: the URL name (taking the programme's slug) and label."""

    url_name: str
    label: str
    primary: bool = False


def programme_actions(*, user: Viewer, programme: Programme) -> list[ProgrammeAction]:
    """The programme page's buttons for this user, from one place: a new kans for editors and
    up (user_may_edit), the set-up and the team for who manages the programme
    (accounts.selectors.user_may_manage_programme: coordinators, the municipality's
    administrators, installation admins)."""
    actions = []
    if user_may_edit(user=user, programme=programme):
        actions.append(ProgrammeAction("opportunities:create", _("New kans"), primary=True))
    if user_may_manage_programme(user=user, programme=programme):
        actions.append(ProgrammeAction("team:setup", _("Set-up")))
        actions.append(ProgrammeAction("team:team", _("Team and access")))
    return actions

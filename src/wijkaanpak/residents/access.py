"""Who handles what in residents (docs/roles.md):

- the programme's team (editor or coordinator, and whoever counts as coordinator) handles
  ambassadors, signals and applications, and sees their personal data;
- granting money from the fund needs the coordinator;
- members of an organisation see and handle the signals routed to it, without the sender;
- an ambassador sees and corrects their own data and follows their own signals."""

from __future__ import annotations

from wijkaanpak.accounts.actors import Actor, Viewer, is_system
from wijkaanpak.accounts.models import ProgrammeRole, User
from wijkaanpak.accounts.selectors import user_has_programme_role, user_organisation_ids
from wijkaanpak.programmes.models import Programme
from wijkaanpak.residents.models import Ambassador, Signal


def is_team(user: Actor | Viewer, programme: Programme) -> bool:
    if is_system(user):
        return True
    return isinstance(user, User) and user_has_programme_role(
        user=user, programme=programme, role=ProgrammeRole.EDITOR
    )


def is_coordinator(user: Actor | Viewer, programme: Programme) -> bool:
    if is_system(user):
        return True
    return isinstance(user, User) and user_has_programme_role(
        user=user, programme=programme, role=ProgrammeRole.COORDINATOR
    )


def ambassador_of(user: Actor | Viewer) -> Ambassador | None:
    """The user's own (active, not forgotten) ambassador registration."""
    if not isinstance(user, User) or not user.is_authenticated:
        return None
    if hasattr(user, "_residents_ambassador"):
        cached: Ambassador | None = user._residents_ambassador
        return cached
    found = Ambassador.objects.filter(user=user, erased_at__isnull=True).first()
    user._residents_ambassador = found  # type: ignore[attr-defined]
    return found


def is_signal_handler(user: Actor | Viewer, signal: Signal) -> bool:
    """The team, or a member of the organisation the signal is routed to."""
    if is_team(user, signal.programme):
        return True
    return (
        isinstance(user, User)
        and signal.organisation_id is not None
        and signal.organisation_id in user_organisation_ids(user=user)
    )

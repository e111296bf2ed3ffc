"""Roles in a programme's team, and deactivating a user."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.accounts.models import (
    ProgrammeMembership,
    ProgrammeRole,
    User,
)
from wijkaanpak.core.exceptions import Conflict, Forbidden, NotFound
from wijkaanpak.programmes.models import Programme
from wijkaanpak.team.selectors import user_deactivate_allowed
from wijkaanpak.team.services.common import _require_manager, _role, _with_history_user


def _other_coordinators(programme: Programme, user: User) -> bool:
    return (
        ProgrammeMembership.objects.filter(
            programme=programme, role=ProgrammeRole.COORDINATOR, user__is_active=True
        )
        .exclude(user=user)
        .exists()
    )


@transaction.atomic
def membership_set(
    *, by: Actor, programme: Programme, user: User, role: str
) -> ProgrammeMembership:
    """Give `user` the role in the programme (a new member, or another role)."""
    _require_manager(by, programme)
    new_role = _role(role)
    current = (
        ProgrammeMembership.objects.select_for_update()
        .filter(programme=programme, user=user)
        .first()
    )
    if current is None:
        membership = _with_history_user(
            ProgrammeMembership(programme=programme, user=user, role=new_role), by
        )
        membership.save()
        return membership
    if (
        current.role == ProgrammeRole.COORDINATOR
        and new_role != ProgrammeRole.COORDINATOR
        and not _other_coordinators(programme, user)
    ):
        raise Conflict(
            _("A programme keeps at least one coordinator: make someone else coordinator first."),
            errors=[{"field": "role", "message": _("the last coordinator")}],
        )
    if current.role != new_role:
        current.role = new_role
        _with_history_user(current, by).save()
    return current


@transaction.atomic
def membership_remove(*, by: Actor, programme: Programme, user: User) -> None:
    """Take all of `user`'s roles in the programme."""
    _require_manager(by, programme)
    current = (
        ProgrammeMembership.objects.select_for_update()
        .filter(programme=programme, user=user)
        .first()
    )
    if current is None:
        raise NotFound(_("This person is not a member of the programme."))
    if current.role == ProgrammeRole.COORDINATOR and not _other_coordinators(programme, user):
        raise Conflict(
            _("A programme keeps at least one coordinator: make someone else coordinator first.")
        )
    _with_history_user(current, by).delete()


@transaction.atomic
def user_deactivate(*, by: Actor, user: User) -> User:
    """Deactivate a user: their sessions stop working at the next request (Django refuses
    inactive users) and their API tokens are deleted (accounts.signals.user_saved)."""
    if not user_deactivate_allowed(by=by, user=user):
        raise Forbidden(_("You may only deactivate users who work solely in your municipality."))
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return user

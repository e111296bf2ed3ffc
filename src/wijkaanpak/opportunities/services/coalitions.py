"""A kans' coalition: partners joining, changing and leaving."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.opportunities.models import (
    CoalitionMember,
    CoalitionRole,
    Opportunity,
)
from wijkaanpak.opportunities.services.common import _require_editor, _save, _stale
from wijkaanpak.organisations.models import Organisation


@transaction.atomic
def coalition_member_set(
    *,
    opportunity: Opportunity,
    organisation: Organisation,
    role: CoalitionRole | str,
    by: Actor,
) -> CoalitionMember:
    _require_editor(user=by, programme=opportunity.programme)
    member, _ = CoalitionMember.objects.update_or_create(
        opportunity=opportunity, organisation=organisation, defaults={"role": role}
    )
    return member


# --- coalition ------------------------------------------------------------------------------


def _current(member: CoalitionMember, on: dt.date) -> bool:
    return member.left_on is None or member.left_on > on


def _check_lead(*, opportunity: Opportunity, members: list[CoalitionMember]) -> None:
    """A coalition with current members has at least one current lead."""
    from django.utils import timezone

    today = timezone.localdate()
    current = [m for m in members if _current(m, today)]
    if current and not any(m.role == CoalitionRole.LEAD for m in current):
        raise InvalidInput(
            _(
                "A coalition needs a lead: add the lead organisation first, or make another "
                "member the lead before this change."
            ),
            errors=[{"field": "role", "message": _("the coalition would have no lead")}],
        )


def _coalition_with(
    opportunity: Opportunity, changed: CoalitionMember | None = None
) -> list[CoalitionMember]:
    members = [
        m
        for m in CoalitionMember.objects.filter(opportunity=opportunity)
        if changed is None or m.pk != changed.pk
    ]
    return [*members, changed] if changed is not None else members


def _dates_errors(joined_on: dt.date | None, left_on: dt.date | None) -> list[dict[str, object]]:
    if joined_on is not None and left_on is not None and left_on < joined_on:
        return [
            {"field": "left_on", "message": _("The date left may not be before the date joined.")}
        ]
    return []


@transaction.atomic
def coalition_member_add(
    *,
    opportunity: Opportunity,
    organisation: Organisation,
    role: CoalitionRole | str,
    joined_on: dt.date | None = None,
    contact_function: str = "",
    by: Actor,
) -> CoalitionMember:
    """Add an organisation to the kans's coalition. The first current member must be the lead."""
    _require_editor(user=by, programme=opportunity.programme)
    Opportunity.objects.select_for_update().filter(pk=opportunity.pk).first()
    if role not in CoalitionRole.values:
        raise InvalidInput(_("Unknown role."), errors=[{"field": "role", "message": _("unknown")}])
    if CoalitionMember.objects.filter(opportunity=opportunity, organisation=organisation).exists():
        raise InvalidInput(
            _("This organisation is already in the coalition; change its membership instead."),
            errors=[{"field": "organisation", "message": _("already a member")}],
        )
    member = CoalitionMember(
        opportunity=opportunity,
        organisation=organisation,
        role=role,
        joined_on=joined_on,
        contact_function=contact_function.strip(),
    )
    _check_lead(opportunity=opportunity, members=_coalition_with(opportunity, member))
    _save(member, by=by)
    return member


COALITION_FIELDS = ("role", "joined_on", "left_on", "contact_function")


@transaction.atomic
def coalition_member_update(
    *, member: CoalitionMember, version: int, by: Actor, **fields: Any
) -> CoalitionMember:
    """Change a membership (role, dates, contact function); ending it is setting `left_on`.
    A stale `version` is a Conflict (409); a change that leaves no current lead is refused."""
    opportunity = member.opportunity
    _require_editor(user=by, programme=opportunity.programme)
    unknown = set(fields) - set(COALITION_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    Opportunity.objects.select_for_update().filter(pk=opportunity.pk).first()
    locked = CoalitionMember.objects.select_for_update().get(pk=member.pk)
    if locked.version != version:
        raise _stale(_("coalition membership"), instance=locked, version=version)
    if "role" in fields and fields["role"] not in CoalitionRole.values:
        raise InvalidInput(_("Unknown role."), errors=[{"field": "role", "message": _("unknown")}])
    for key, value in fields.items():
        setattr(locked, key, value.strip() if isinstance(value, str) else value)
    errors = _dates_errors(locked.joined_on, locked.left_on)
    if errors:
        raise InvalidInput(str(errors[0]["message"]), errors=errors)
    _check_lead(opportunity=opportunity, members=_coalition_with(opportunity, locked))
    locked.version += 1
    _save(locked, by=by)
    return locked


def coalition_member_end(
    *, member: CoalitionMember, left_on: dt.date, version: int, by: Actor
) -> CoalitionMember:
    """End a membership on a date (the row and its history stay)."""
    return coalition_member_update(member=member, version=version, by=by, left_on=left_on)

"""Escalations to the back office."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user, is_system
from wijkaanpak.accounts.models import ProgrammeRole, User
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.outreach.models import AuditAction, Campaign, Escalation, Household
from wijkaanpak.outreach.selectors import user_has_outreach_role
from wijkaanpak.outreach.services import events
from wijkaanpak.outreach.services.base import (
    SYSTEM,
    _audit,
    _refuse_erased,
    _refuse_expired,
    _require_worker,
)
from wijkaanpak.outreach.services.validation import fields_check

# --- escalations --------------------------------------------------------------------------


@transaction.atomic
def escalation_create(
    *,
    campaign: Campaign,
    category: str,
    needed: str,
    by: Actor,
    household: Household | None = None,
    raised_on: dt.date | None = None,
    source: str = SYSTEM,
) -> Escalation:
    _require_worker(by=by, campaign=campaign, household=household)
    _refuse_expired(campaign)
    _refuse_erased(household)
    fields_check(Escalation, {"category": category, "needed": needed})
    if not needed.strip():
        raise InvalidInput(
            _("Say what is needed."), errors=[{"field": "needed", "message": _("required")}]
        )
    escalation = Escalation.objects.create(
        campaign=campaign,
        household=household,
        category=category,
        needed=needed.strip(),
        raised_by=acting_user(by),
        raised_on=raised_on or timezone.localdate(),
    )
    _audit(
        by,
        AuditAction.CREATE,
        "escalation",
        escalation.pk,
        source,
        programme=escalation.campaign.programme_id,
    )
    events.escalation_raised(escalation)
    return escalation


@transaction.atomic
def escalation_resolve(
    *,
    escalation: Escalation,
    resolution: str,
    by: Actor,
    resolved_on: dt.date | None = None,
    source: str = SYSTEM,
) -> Escalation:
    if not is_system(by) and not user_has_outreach_role(
        user=by, role="back_office", programme=escalation.campaign.programme
    ):
        raise Forbidden(_("Only the back office resolves escalations."))
    _refuse_expired(escalation.campaign)
    _refuse_erased(escalation.household_id)
    if not escalation.needed:
        # Created with a required text: blank only when erasure or retention emptied it.
        raise Conflict(
            _("This escalation was erased with the household's data."),
            errors=[{"field": "household", "message": _("erased")}],
        )
    fields_check(Escalation, {"resolution": resolution})
    if not resolution.strip():
        raise InvalidInput(
            _("Describe the resolution."),
            errors=[{"field": "resolution", "message": _("required")}],
        )
    # Resolved once: a retried or crossing request does not overwrite the resolution (409).
    updated = Escalation.objects.filter(pk=escalation.pk, resolved_on__isnull=True).update(
        resolution=resolution.strip(), resolved_on=resolved_on or timezone.localdate()
    )
    if not updated:
        raise Conflict(
            _("This escalation has already been resolved."),
            errors=[{"field": "resolution", "message": _("already resolved")}],
        )
    programme_id = escalation.campaign.programme_id
    escalation.refresh_from_db()
    _audit(by, AuditAction.UPDATE, "escalation", escalation.pk, source, programme=programme_id)
    events.escalation_resolved(escalation)
    return escalation


@transaction.atomic
def escalation_assign(
    *,
    escalation: Escalation,
    assignee: User | None,
    by: Actor,
    source: str = SYSTEM,
) -> Escalation:
    """Give an open escalation to someone of the programme's back office (None: to nobody).

    The back office and the programme's coordinators assign; the assignee is told (in the app
    and by e-mail, without the escalation's text).
    """
    programme = escalation.campaign.programme
    if not (
        is_system(by)
        or user_has_outreach_role(user=by, role="back_office", programme=programme)
        or user_has_programme_role(user=by, programme=programme, role=ProgrammeRole.COORDINATOR)
    ):
        raise Forbidden(_("Only the back office and the coordinators assign escalations."))
    if assignee is not None and not (
        assignee.is_active
        and user_has_outreach_role(user=assignee, role="back_office", programme=programme)
    ):
        raise InvalidInput(
            _("Assign the escalation to someone of the back office."),
            errors=[{"field": "assignee", "message": _("not in the back office")}],
        )
    new_id = assignee.pk if assignee is not None else None
    updated = Escalation.objects.filter(pk=escalation.pk, resolved_on__isnull=True).update(
        assignee_id=new_id
    )
    if not updated:
        raise Conflict(
            _("This escalation has already been resolved."),
            errors=[{"field": "assignee", "message": _("already resolved")}],
        )
    changed = escalation.assignee_id != new_id
    programme_id = escalation.campaign.programme_id
    escalation.refresh_from_db()
    _audit(by, AuditAction.UPDATE, "escalation", escalation.pk, source, programme=programme_id)
    if changed and assignee is not None:
        events.escalation_assigned(escalation, by_user_id=getattr(acting_user(by), "pk", None))
    return escalation

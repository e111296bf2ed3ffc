"""What every outreach write shares: the system source, the audit, the worker check."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user, is_system
from wijkaanpak.core.exceptions import Conflict, Forbidden
from wijkaanpak.outreach.audit import audit_record
from wijkaanpak.outreach.models import AuditAction, Campaign, Household
from wijkaanpak.outreach.selectors import user_is_campaign_worker

SYSTEM = "system"


def _audit(
    by: Actor, action: AuditAction, record_type: str, pk: int, source: str, *, programme: int
) -> None:
    audit_record(
        user=by,
        action=action,
        record_type=record_type,
        record_ids=[pk],
        source=source,
        programme=programme,
    )


def _require_worker(*, by: Actor, campaign: Campaign, household: Household | None = None) -> None:
    """SYSTEM is a system write (demo, command); a user must work on the campaign or coach."""
    if is_system(by):
        return
    if household is not None and acting_user(by) and household.coach_id == by.pk:
        return
    if not user_is_campaign_worker(user=by, campaign=campaign):
        raise Forbidden(_("Only the campaign's outreach workers (or the coach) may do this."))


def _refuse_erased(household: Household | int | None) -> None:
    """Conflict (409) when the household has been erased (anonymised): nothing more may be
    written about it. The row is locked for the rest of the caller's transaction, so an erasure
    running at the same time either waits for this write (and then erases it too) or has
    committed before it (and this write is refused)."""
    if household is None:
        return
    pk = household.pk if isinstance(household, Household) else household
    erased = (
        Household.objects.select_for_update()
        .filter(pk=pk)
        .values_list("anonymised_at", flat=True)
        .first()
    )
    if erased is not None:
        raise Conflict(
            _("The data of this household has been erased; nothing more can be recorded about it."),
            errors=[{"field": "household", "message": _("erased")}],
        )


def _refuse_expired(campaign: Campaign, today: dt.date | None = None) -> None:
    """Conflict (409) for a write to a campaign whose retention term has passed: its data is
    anonymised by apply_retention and nothing new is collected for it."""
    today = today or timezone.localdate()
    if campaign.end_date + dt.timedelta(days=campaign.retention_days) < today:
        raise Conflict(
            _("The retention term of this campaign has passed; its data has been erased."),
            errors=[{"field": "campaign", "message": _("retention term passed")}],
        )

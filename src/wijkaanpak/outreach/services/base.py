"""What every outreach write shares: the system source, the audit, the worker check."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wijkaanpak.core.exceptions import Forbidden
from wijkaanpak.outreach.audit import audit_record
from wijkaanpak.outreach.models import AuditAction, Campaign, Household
from wijkaanpak.outreach.selectors import user_is_campaign_worker

SYSTEM = "system"


def _audit(by: Any, action: AuditAction, record_type: str, pk: int, source: str) -> None:
    audit_record(user=by, action=action, record_type=record_type, record_ids=[pk], source=source)


def _require_worker(*, by: Any, campaign: Campaign, household: Household | None = None) -> None:
    """None is a system write (demo, command); a user must work on the campaign or coach."""
    if by is None:
        return
    if household is not None and household.coach_id == by.pk:
        return
    if not user_is_campaign_worker(user=by, campaign=campaign):
        raise Forbidden(_("Only the campaign's outreach workers (or the coach) may do this."))

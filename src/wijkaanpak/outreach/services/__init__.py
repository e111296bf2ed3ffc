"""Writes of outreach data. Every write of personal data is checked, atomic and audited.

Objects two people may edit (households, referrals) carry a `version`: an update names the
version it started from and a stale version is a conflict (409). The check is part of the
UPDATE statement (`WHERE id = … AND version = …`), so it holds under concurrent requests.
"""

# Callers import from wijkaanpak.outreach.services; the modules are by resource.
from wijkaanpak.outreach.models import HOUSEHOLD_FIELDS
from wijkaanpak.outreach.services.base import SYSTEM, _require_worker
from wijkaanpak.outreach.services.campaigns import (
    campaign_create,
    campaign_open,
    campaign_worker_add,
    campaign_worker_assign,
    coach_role_give,
    outreach_role_set,
    question_create,
    service_level_set,
    street_register,
    theme_ensure,
)
from wijkaanpak.outreach.services.escalations import (
    escalation_assign,
    escalation_create,
    escalation_resolve,
)
from wijkaanpak.outreach.services.events import reporting_check, service_level_check
from wijkaanpak.outreach.services.households import (
    address_outcomes_refresh,
    coach_assign,
    coach_refused,
    commitment_create,
    commitment_status_set,
    conversation_record,
    household_create,
    household_update,
    visit_record,
)
from wijkaanpak.outreach.services.measures import campaign_measures_refresh, measure_bind
from wijkaanpak.outreach.services.referrals import (
    referral_actors,
    referral_create,
    referral_transition,
)
from wijkaanpak.outreach.services.reporting import reporting_deadline_create

__all__ = [
    "reporting_check",
    "reporting_deadline_create",
    "service_level_check",
    "HOUSEHOLD_FIELDS",
    "SYSTEM",
    "_require_worker",
    "address_outcomes_refresh",
    "campaign_create",
    "campaign_open",
    "campaign_worker_assign",
    "coach_role_give",
    "campaign_measures_refresh",
    "campaign_worker_add",
    "coach_assign",
    "coach_refused",
    "commitment_create",
    "commitment_status_set",
    "conversation_record",
    "escalation_assign",
    "escalation_create",
    "escalation_resolve",
    "household_create",
    "household_update",
    "measure_bind",
    "outreach_role_set",
    "question_create",
    "referral_actors",
    "referral_create",
    "referral_transition",
    "service_level_set",
    "street_register",
    "theme_ensure",
    "visit_record",
]

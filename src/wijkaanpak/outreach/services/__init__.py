"""Writes of outreach data. Every write of personal data is checked, atomic and audited.

Objects two people may edit (households, referrals) carry a `version`: an update names the
version it started from and a stale version is a conflict (409). The check is part of the
UPDATE statement (`WHERE id = … AND version = …`), so it holds under concurrent requests.
"""

# Re-exported: callers import from wijkaanpak.outreach.services.
from wijkaanpak.outreach.services.base import (
    SYSTEM as SYSTEM,
)
from wijkaanpak.outreach.services.base import (
    _require_worker as _require_worker,
)
from wijkaanpak.outreach.services.campaigns import (
    campaign_create as campaign_create,
)
from wijkaanpak.outreach.services.campaigns import (
    campaign_worker_add as campaign_worker_add,
)
from wijkaanpak.outreach.services.campaigns import (
    outreach_role_set as outreach_role_set,
)
from wijkaanpak.outreach.services.campaigns import (
    question_create as question_create,
)
from wijkaanpak.outreach.services.campaigns import (
    service_level_set as service_level_set,
)
from wijkaanpak.outreach.services.campaigns import (
    street_register as street_register,
)
from wijkaanpak.outreach.services.campaigns import (
    theme_ensure as theme_ensure,
)
from wijkaanpak.outreach.services.escalations import (
    escalation_create as escalation_create,
)
from wijkaanpak.outreach.services.escalations import (
    escalation_resolve as escalation_resolve,
)
from wijkaanpak.outreach.services.households import (
    HOUSEHOLD_FIELDS as HOUSEHOLD_FIELDS,
)
from wijkaanpak.outreach.services.households import (
    address_outcomes_refresh as address_outcomes_refresh,
)
from wijkaanpak.outreach.services.households import (
    coach_assign as coach_assign,
)
from wijkaanpak.outreach.services.households import (
    commitment_create as commitment_create,
)
from wijkaanpak.outreach.services.households import (
    commitment_status_set as commitment_status_set,
)
from wijkaanpak.outreach.services.households import (
    conversation_record as conversation_record,
)
from wijkaanpak.outreach.services.households import (
    household_create as household_create,
)
from wijkaanpak.outreach.services.households import (
    household_update as household_update,
)
from wijkaanpak.outreach.services.households import (
    visit_record as visit_record,
)
from wijkaanpak.outreach.services.measures import (
    campaign_measures_refresh as campaign_measures_refresh,
)
from wijkaanpak.outreach.services.measures import (
    measure_bind as measure_bind,
)
from wijkaanpak.outreach.services.referrals import (
    referral_actors as referral_actors,
)
from wijkaanpak.outreach.services.referrals import (
    referral_create as referral_create,
)
from wijkaanpak.outreach.services.referrals import (
    referral_transition as referral_transition,
)

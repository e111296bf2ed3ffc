"""Reads of outreach data with authorisation: every list filters what the user may see in ONE
query (Exists subqueries on the role tables), and every read of personal data is audited.

Roles (see docs/adr/0005-outreach-roles-and-visibility.md):
- outreach worker: CampaignWorker → the households, visits, conversations and referrals of the campaign;
- coach: Household.coach → that household and its records;
- partner user: OrganisationMembership → referrals addressed to the organisation, shared fields only;
- back office: OutreachRole(back_office) in the programme → escalations, referral states (no personal data);
- programme member (coordinator, editor, viewer): aggregates only;
- privacy officer: OutreachRole(privacy_officer) → the audit log, access export and erasure.
Everyone else gets 404.
"""

# Re-exported: callers import from wijkaanpak.outreach.selectors.
from wijkaanpak.outreach.selectors.campaigns import (
    campaign_get as campaign_get,
)
from wijkaanpak.outreach.selectors.campaigns import (
    campaign_list as campaign_list,
)
from wijkaanpak.outreach.selectors.campaigns import (
    campaign_visible as campaign_visible,
)
from wijkaanpak.outreach.selectors.escalations import (
    audit_log_list as audit_log_list,
)
from wijkaanpak.outreach.selectors.escalations import (
    escalation_get as escalation_get,
)
from wijkaanpak.outreach.selectors.escalations import (
    escalation_list as escalation_list,
)
from wijkaanpak.outreach.selectors.households import (
    HOUSEHOLD_ROW as HOUSEHOLD_ROW,
)
from wijkaanpak.outreach.selectors.households import (
    commitment_list as commitment_list,
)
from wijkaanpak.outreach.selectors.households import (
    conversation_list as conversation_list,
)
from wijkaanpak.outreach.selectors.households import (
    household_get as household_get,
)
from wijkaanpak.outreach.selectors.households import (
    household_get_for_privacy_officer as household_get_for_privacy_officer,
)
from wijkaanpak.outreach.selectors.households import (
    household_list as household_list,
)
from wijkaanpak.outreach.selectors.households import (
    household_rows as household_rows,
)
from wijkaanpak.outreach.selectors.households import (
    household_visible as household_visible,
)
from wijkaanpak.outreach.selectors.households import (
    visit_list as visit_list,
)
from wijkaanpak.outreach.selectors.referrals import (
    REFERRAL_ROW as REFERRAL_ROW,
)
from wijkaanpak.outreach.selectors.referrals import (
    overdue_q as overdue_q,
)
from wijkaanpak.outreach.selectors.referrals import (
    referral_carries_personal_data as referral_carries_personal_data,
)
from wijkaanpak.outreach.selectors.referrals import (
    referral_get as referral_get,
)
from wijkaanpak.outreach.selectors.referrals import (
    referral_is_overdue as referral_is_overdue,
)
from wijkaanpak.outreach.selectors.referrals import (
    referral_list as referral_list,
)
from wijkaanpak.outreach.selectors.referrals import (
    referral_page as referral_page,
)
from wijkaanpak.outreach.selectors.referrals import (
    referral_visible as referral_visible,
)
from wijkaanpak.outreach.selectors.referrals import (
    row_is_overdue as row_is_overdue,
)
from wijkaanpak.outreach.selectors.scope import (
    MAX_LIMIT as MAX_LIMIT,
)
from wijkaanpak.outreach.selectors.scope import (
    Page as Page,
)
from wijkaanpak.outreach.selectors.scope import (
    Scope as Scope,
)
from wijkaanpak.outreach.selectors.scope import (
    _worker as _worker,
)
from wijkaanpak.outreach.selectors.scope import (
    page_audited as page_audited,
)
from wijkaanpak.outreach.selectors.scope import (
    page_bounds as page_bounds,
)
from wijkaanpak.outreach.selectors.scope import (
    user_has_outreach_role as user_has_outreach_role,
)
from wijkaanpak.outreach.selectors.scope import (
    user_is_campaign_worker as user_is_campaign_worker,
)
from wijkaanpak.outreach.selectors.scope import (
    user_scope as user_scope,
)
from wijkaanpak.outreach.selectors.scope import (
    user_sees_personal_data as user_sees_personal_data,
)

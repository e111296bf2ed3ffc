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

# Callers import from wijkaanpak.outreach.selectors; the modules are by resource.
from wijkaanpak.outreach.selectors.campaigns import (
    campaign_get,
    campaign_list,
    campaign_team,
    campaign_visible,
)
from wijkaanpak.outreach.selectors.escalations import (
    audit_log_list,
    escalation_assign_programmes,
    escalation_assignees,
    escalation_get,
    escalation_list,
    privacy_officer_programmes,
)
from wijkaanpak.outreach.selectors.households import (
    HOUSEHOLD_ROW,
    commitment_get,
    commitment_list,
    conversation_list,
    household_filter_choices,
    household_get,
    household_get_for_privacy_officer,
    household_list,
    household_rows,
    household_visible,
    visit_list,
)
from wijkaanpak.outreach.selectors.lookups import (
    active_user_by_username,
    address_find,
    address_list,
    address_query,
    address_search,
    coach_find,
    organisation_find,
    organisations_find,
    sharing_organisations,
    theme_find,
    themes_find,
)
from wijkaanpak.outreach.selectors.queues import (
    ESCALATION_SORTS,
    REFERRAL_SORTS,
    escalation_queue,
    referral_queue,
)
from wijkaanpak.outreach.selectors.referrals import (
    REFERRAL_ROW,
    overdue_q,
    programme_service_level,
    referral_as_row,
    referral_carries_personal_data,
    referral_get,
    referral_history,
    referral_is_overdue,
    referral_list,
    referral_page,
    referral_shown,
    referral_visible,
    row_is_overdue,
)
from wijkaanpak.outreach.selectors.reporting import reporting_deadline_list
from wijkaanpak.outreach.selectors.scope import (
    Page,
    Scope,
    page_audited,
    user_has_outreach_role,
    user_is_campaign_worker,
    user_may_coach,
    user_scope,
    user_sees_personal_data,
)

__all__ = [
    "HOUSEHOLD_ROW",
    "Page",
    "REFERRAL_ROW",
    "Scope",
    "address_find",
    "address_list",
    "address_query",
    "address_search",
    "audit_log_list",
    "privacy_officer_programmes",
    "active_user_by_username",
    "campaign_get",
    "campaign_team",
    "campaign_list",
    "campaign_visible",
    "coach_find",
    "commitment_get",
    "commitment_list",
    "conversation_list",
    "escalation_assign_programmes",
    "escalation_assignees",
    "escalation_get",
    "escalation_list",
    "household_get",
    "household_get_for_privacy_officer",
    "household_filter_choices",
    "household_list",
    "household_rows",
    "household_visible",
    "organisation_find",
    "organisations_find",
    "sharing_organisations",
    "overdue_q",
    "page_audited",
    "programme_service_level",
    "referral_as_row",
    "reporting_deadline_list",
    "referral_carries_personal_data",
    "referral_get",
    "referral_history",
    "referral_is_overdue",
    "referral_list",
    "referral_page",
    "referral_shown",
    "referral_visible",
    "row_is_overdue",
    "theme_find",
    "themes_find",
    "user_has_outreach_role",
    "user_is_campaign_worker",
    "user_may_coach",
    "user_scope",
    "user_sees_personal_data",
    "visit_list",
    "ESCALATION_SORTS",
    "REFERRAL_SORTS",
    "escalation_queue",
    "referral_queue",
]

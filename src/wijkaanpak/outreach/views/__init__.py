"""Pages of the outreach app, one module per group (views.py was split: no behaviour change).
Thin: selectors decide what is visible (and audit reads), services make the changes; domain
errors become 404 or a message on the page. The work queues are in outreach/queue_views.py,
"Mijn werk" and the referral page in outreach/work_views.py."""

from wijkaanpak.outreach.views.actions import (
    audit_log,
    audit_log_csv,
    escalation_assign,
    escalation_resolve,
    referral_transition,
)
from wijkaanpak.outreach.views.campaigns import (
    address_import,
    campaign_create,
    campaign_detail,
    campaign_team,
    index,
    reporting_deadlines,
)
from wijkaanpak.outreach.views.households import (
    household_action,
    household_detail,
    household_list,
    visit_form,
)

__all__ = [
    "address_import",
    "audit_log",
    "audit_log_csv",
    "campaign_create",
    "campaign_detail",
    "campaign_team",
    "escalation_assign",
    "escalation_resolve",
    "household_action",
    "household_detail",
    "household_list",
    "index",
    "referral_transition",
    "reporting_deadlines",
    "visit_form",
]

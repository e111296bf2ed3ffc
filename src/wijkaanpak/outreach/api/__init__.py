"""Outreach API at /api/v1/outreach/. Every endpoint needs login; what the caller may see is
decided by the selectors (404 for what is not theirs), what they may do by the services (403).

One module per resource, each with its schemas and its output mapper; all add their
operations to the one router in base.py, in the order below (the order of the OpenAPI paths).
"""

# isort: off
from wijkaanpak.outreach.api.base import router
from wijkaanpak.outreach.api import campaigns as campaigns
from wijkaanpak.outreach.api import households as households
from wijkaanpak.outreach.api import visits as visits
from wijkaanpak.outreach.api import conversations as conversations
from wijkaanpak.outreach.api import commitments as commitments
from wijkaanpak.outreach.api import referrals as referrals
from wijkaanpak.outreach.api import escalations as escalations
from wijkaanpak.outreach.api import audit as audit
from wijkaanpak.outreach.api import reporting as reporting
# isort: on

# The OpenAPI operation ids stay those of the single module the API was before the split.
for _path_view in router.path_operations.values():
    for _operation in _path_view.operations:
        _operation.operation_id = _operation.operation_id or (
            f"wijkaanpak_outreach_api_{_operation.view_func.__name__}"
        )

__all__ = ["router"]

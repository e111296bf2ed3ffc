"""Kansen API at /api/v1/: kansen, their coalition, progress updates and measures, and a
programme's ambitions with their kansen.

One module per resource, each adding its operations to the one router in common.py, in the
order below (the order of the OpenAPI paths). Callers import `router` from here.
"""

from __future__ import annotations

# isort: off
from wijkaanpak.opportunities.api.common import (
    router,
    Text200,
    LongText,
    Code,
    Amount14,
)
from wijkaanpak.opportunities.api.schemas import (
    AmbitionRef,
    CoalitionOut,
    MeasureOut,
    StatusChangeOut,
    ProgressOut,
    OpportunityOut,
    OpportunityDetailOut,
    OpportunityList,
    opportunity_out,
    coalition_out,
    progress_out,
)
from wijkaanpak.opportunities.api.kansen import (
    opportunity_list,
    opportunity_detail,
    TransitionIn,
    opportunity_transition,
    OpportunityIn,
    OpportunityPatch,
    opportunity_create,
    opportunity_update,
)
from wijkaanpak.opportunities.api.progress import (
    ProgressIn,
    progress_update_create,
    ProgressPatch,
    progress_update_update,
    progress_update_delete,
)
from wijkaanpak.opportunities.api.measures import (
    MeasureValueIn,
    MeasureValueOut,
    measure_value_out,
    measure_value_create,
    MeasureIn,
    MeasurePatch,
    measure_create,
    measure_update,
)
from wijkaanpak.opportunities.api.ambitions import (
    AmbitionOut,
    AmbitionList,
    ambition_out,
    ambition_list,
)
from wijkaanpak.opportunities.api.history import (
    ChangeOut,
    HistoryEntryOut,
    HistoryList,
    opportunity_history,
)
from wijkaanpak.opportunities.api.coalitions import (
    CoalitionList,
    CoalitionIn,
    CoalitionPatch,
    CoalitionEnd,
    coalition_list,
    coalition_add,
    coalition_update,
    coalition_end,
)
# isort: on

# The OpenAPI operation ids stay those of the single module the API was before the split.
for _path_view in router.path_operations.values():
    for _operation in _path_view.operations:
        _operation.operation_id = _operation.operation_id or (
            f"wijkaanpak_opportunities_api_{_operation.view_func.__name__}"
        )

__all__ = [
    "router",
    "Text200",
    "LongText",
    "Code",
    "Amount14",
    "AmbitionRef",
    "CoalitionOut",
    "MeasureOut",
    "StatusChangeOut",
    "ProgressOut",
    "OpportunityOut",
    "OpportunityDetailOut",
    "OpportunityList",
    "opportunity_out",
    "coalition_out",
    "progress_out",
    "opportunity_list",
    "opportunity_detail",
    "TransitionIn",
    "opportunity_transition",
    "OpportunityIn",
    "OpportunityPatch",
    "opportunity_create",
    "opportunity_update",
    "ProgressIn",
    "progress_update_create",
    "ProgressPatch",
    "progress_update_update",
    "progress_update_delete",
    "MeasureValueIn",
    "MeasureValueOut",
    "measure_value_out",
    "measure_value_create",
    "MeasureIn",
    "MeasurePatch",
    "measure_create",
    "measure_update",
    "AmbitionOut",
    "AmbitionList",
    "ambition_out",
    "ambition_list",
    "ChangeOut",
    "HistoryEntryOut",
    "HistoryList",
    "opportunity_history",
    "CoalitionList",
    "CoalitionIn",
    "CoalitionPatch",
    "CoalitionEnd",
    "coalition_list",
    "coalition_add",
    "coalition_update",
    "coalition_end",
]

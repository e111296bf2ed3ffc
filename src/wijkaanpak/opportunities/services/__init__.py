"""Writes of kansen: lifecycle, coalition, progress and measures.

Every write goes through one of these functions, whether it comes from a page, the API,
the admin, a command or a test.

Callers import from this package; its modules are by resource.
"""

from __future__ import annotations

from wijkaanpak.opportunities.services.coalitions import (
    COALITION_FIELDS,
    coalition_member_add,
    coalition_member_end,
    coalition_member_set,
    coalition_member_update,
)
from wijkaanpak.opportunities.services.common import (
    editor_required,
)
from wijkaanpak.opportunities.services.kansen import (
    OPPORTUNITY_FIELDS,
    opportunity_create,
    opportunity_transition,
    opportunity_update,
)
from wijkaanpak.opportunities.services.measures import (
    MEASURE_FIELDS,
    measure_create,
    measure_update,
    measure_value_record,
    opportunity_start,
)
from wijkaanpak.opportunities.services.progress import (
    progress_update_create,
    progress_update_delete,
    progress_update_update,
)

__all__ = [
    "editor_required",
    "opportunity_create",
    "opportunity_transition",
    "OPPORTUNITY_FIELDS",
    "opportunity_update",
    "coalition_member_set",
    "coalition_member_add",
    "COALITION_FIELDS",
    "coalition_member_update",
    "coalition_member_end",
    "progress_update_create",
    "progress_update_update",
    "progress_update_delete",
    "opportunity_start",
    "measure_create",
    "MEASURE_FIELDS",
    "measure_update",
    "measure_value_record",
]

"""Kans measures bound to campaign aggregates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.outreach.models import BoundAggregate, Campaign, MeasureBinding

# --- kans measures bound to campaign aggregates -------------------------------------------


@transaction.atomic
def measure_bind(*, measure: Any, campaign: Campaign, aggregate: str) -> MeasureBinding:
    if aggregate not in BoundAggregate.values:
        raise InvalidInput(
            _("Unknown aggregate '%s'.") % aggregate,
            errors=[{"field": "aggregate", "message": ", ".join(BoundAggregate.values)}],
        )
    binding, _created = MeasureBinding.objects.update_or_create(
        measure=measure, defaults={"campaign": campaign, "aggregate": aggregate}
    )
    campaign_measures_refresh(campaign=campaign)
    return binding


def campaign_measures_refresh(*, campaign: Campaign, on: dt.date | None = None) -> int:
    """Record a new value on every bound measure whose aggregate changed. Counts below the
    small-number threshold are not published to the kans (it keeps its previous value)."""
    from wijkaanpak.opportunities.services import measure_value_record
    from wijkaanpak.outreach.aggregates import THRESHOLD, funnel_counts

    bindings = list(MeasureBinding.objects.filter(campaign=campaign).select_related("measure"))
    if not bindings:
        return 0
    counts = funnel_counts(campaign=campaign)
    recorded = 0
    for binding in bindings:
        value = counts[binding.aggregate]
        latest = binding.measure.values.order_by("-date", "-id").first()
        if value < THRESHOLD or (latest is not None and latest.value == value):
            continue
        try:
            measure_value_record(
                measure=binding.measure,
                date=on or timezone.localdate(),
                value=value,
                note=_("from campaign %(c)s: %(a)s") % {"c": campaign.name, "a": binding.aggregate},
            )
            recorded += 1
        except InvalidInput:
            continue
    return recorded

"""Demo kansen and long-running work of Samen voor Overvecht (see docs/demo.md).

Everything is written through opportunities.services as a system write (`by=SYSTEM`).
Idempotent: an opportunity is found by programme and title, a status change by its target
status and date, a progress update by date and text, a measure by name and a value by date and
value; what exists is left alone, so a second run changes nothing.
"""

from __future__ import annotations

from wijkaanpak.areas.models import Area
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.opportunities.demo.kansen import KANSEN_2019, KANSEN_NEW_2020, MERGES, MOVES
from wijkaanpak.opportunities.demo.long_running import LONG_RUNNING
from wijkaanpak.opportunities.demo.spec import REVIEW, OpportunitySpec
from wijkaanpak.opportunities.models import Measure, Opportunity, OpportunityStatus
from wijkaanpak.opportunities.services import (
    coalition_member_set,
    measure_create,
    measure_value_record,
    opportunity_create,
    opportunity_transition,
    progress_update_create,
)
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.programmes.models import Programme

PROGRAMME_SLUG = "samen-voor-overvecht"

__all__ = ["KANSEN_2019", "KANSEN_NEW_2020", "LONG_RUNNING", "REVIEW", "load"]


def _opportunity(programme: Programme, spec: OpportunitySpec) -> Opportunity:
    opportunity = Opportunity.objects.filter(programme=programme, title=spec.title).first()
    if opportunity is None:
        opportunity = opportunity_create(
            programme=programme,
            title=spec.title,
            kind=spec.kind,
            description=spec.description,
            goal=spec.goal,
            next_steps=spec.next_steps,
            ambitions=list(programme.ambitions.filter(number__in=spec.ambitions)),
            location=spec.location,
            area=Area.objects.get(code=spec.area),
            start_date=spec.start,
            by=SYSTEM,
        )
    opportunity.themes.set(list(programme.themes.filter(name__in=spec.themes)))
    for name, role in spec.coalition:
        coalition_member_set(
            opportunity=opportunity,
            organisation=Organisation.objects.get(name=name),
            role=role,
            by=SYSTEM,
        )
    for date, text in spec.updates:
        if not opportunity.progress_updates.filter(date=date, text=text).exists():
            progress_update_create(opportunity=opportunity, date=date, text=text, by=SYSTEM)
    for order, m in enumerate(spec.measures, start=1):
        measure = Measure.objects.filter(opportunity=opportunity, name=m.name).first()
        if measure is None:
            measure = measure_create(
                opportunity=opportunity,
                name=m.name,
                rba_class=m.rba_class,
                unit=m.unit,
                target=m.target,
                target_is_minimum=m.target_is_minimum,
                funnel_order=m.funnel_order,
                order=order,
                by=SYSTEM,
            )
        for date, value, note in m.values:
            if not measure.values.filter(date=date, value=value).exists():
                measure_value_record(measure=measure, date=date, value=value, note=note, by=SYSTEM)
    return opportunity


def _transition(
    opportunity: Opportunity,
    *,
    to: OpportunityStatus,
    reason: str,
    merged_into: Opportunity | None = None,
) -> None:
    if opportunity.status_changes.filter(status=to, effective_date=REVIEW).exists():
        return
    opportunity_transition(
        opportunity=opportunity, to=to, on=REVIEW, reason=reason, merged_into=merged_into, by=SYSTEM
    )


def load() -> None:
    programme = Programme.objects.get(slug=PROGRAMME_SLUG)
    made = {
        spec.title: _opportunity(programme, spec)
        for spec in (*KANSEN_2019, *KANSEN_NEW_2020, *LONG_RUNNING)
    }
    # The yearly review of 2020 (seed 001, section 2).
    for merged, into, reason in MERGES:
        _transition(
            made[merged.title],
            to=OpportunityStatus.MERGED,
            reason=reason,
            merged_into=made[into.title],
        )
    for moved, reason in MOVES:
        _transition(made[moved.title], to=OpportunityStatus.LONG_RUNNING, reason=reason)

"""Grow the demo programme by a factor (copies of its kansen and of its ambitions' indicators with
their observations), for the query-count test and benchmarks/reports_bench.py."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from wijkaanpak.indicators.models import Indicator, Observation
from wijkaanpak.opportunities.models import Opportunity
from wijkaanpak.programmes.models import Programme


def _copy(obj: Any, **changes: Any) -> Any:
    obj.pk = None
    obj.id = None
    for name, value in changes.items():
        setattr(obj, name, value)
    obj._state.adding = True
    obj.save()
    return obj


@transaction.atomic
def grow(programme: Programme, factor: int) -> None:
    """Add `factor - 1` copies of every kans and every indicator of the programme's ambitions."""
    originals = list(Opportunity.objects.filter(programme=programme))
    for i in range(1, factor):
        for o in originals:
            source = Opportunity.objects.get(pk=o.pk)
            ambitions = list(source.ambitions.all())
            changes = list(source.status_changes.all())
            coalition = list(source.coalition.all())
            progress = list(source.progress_updates.all())
            measures = [(m, list(m.values.all())) for m in source.measures.all()]
            copy = _copy(source, title=f"{source.title} ({i})", slug=f"{source.slug}-x{i}")
            copy.ambitions.set(ambitions)
            for c in changes:
                _copy(c, opportunity=copy, merged_into=None)
            for m in coalition:
                _copy(m, opportunity=copy)
            for p in progress:
                _copy(p, opportunity=copy)
            for measure, values in measures:
                new = _copy(measure, opportunity=copy)
                for v in values:
                    _copy(v, measure=new)
    indicators = list(Indicator.objects.filter(ambitions__programme=programme).distinct())
    for i in range(1, factor):
        for ind in indicators:
            source = Indicator.objects.get(pk=ind.pk)
            ambitions = list(source.ambitions.all())
            observations = list(Observation.objects.filter(indicator=source, is_current=True))
            copy = _copy(source, code=f"{source.code}_x{i}", name_nl=f"{source.name_nl} ({i})")
            copy.ambitions.set(ambitions)
            for obs in observations:
                _copy(obs, indicator=copy, import_run=None)

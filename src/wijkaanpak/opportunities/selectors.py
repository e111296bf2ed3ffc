"""Reads of kansen. Kansen, coalitions, progress and measures are public programme data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.opportunities.models import (
    RUNNING_STATUS,
    CoalitionMember,
    CoalitionRole,
    Measure,
    MeasureValue,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    OpportunityStatusChange,
)
from wijkaanpak.programmes.models import Ambition, Programme


def _with_details(qs: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    return qs.select_related("programme", "area").prefetch_related(
        "ambitions",
        "themes",
        Prefetch(
            "coalition",
            queryset=CoalitionMember.objects.select_related("organisation").order_by(
                "role", "organisation__name"
            ),
        ),
        Prefetch(
            "measures",
            queryset=Measure.objects.prefetch_related(
                Prefetch("values", queryset=MeasureValue.objects.order_by("date", "id"))
            ),
        ),
    )


def opportunity_list(
    *,
    programme: Programme,
    kind: OpportunityKind | str | None = None,
    active_on: dt.date | None = None,
    ambition: int | None = None,
) -> QuerySet[Opportunity]:
    """Kansen of a programme. With `active_on`, those running on that date, per their history:
    status and kind are taken from the last change on or before the date."""
    qs = Opportunity.objects.filter(programme=programme)
    if active_on is not None:
        last_change = OpportunityStatusChange.objects.filter(
            opportunity=OuterRef("pk"), effective_date__lte=active_on
        ).order_by("-effective_date", "-id")
        qs = qs.annotate(
            status_on=Subquery(last_change.values("status")[:1]),
            kind_on=Subquery(last_change.values("kind")[:1]),
        )
        running = Q()
        kinds = [kind] if kind else list(OpportunityKind.values)
        for k in kinds:
            running |= Q(kind_on=k, status_on=RUNNING_STATUS[OpportunityKind(k)])
        qs = qs.filter(running)
    elif kind:
        qs = qs.filter(kind=kind)
    if ambition is not None:
        qs = qs.filter(ambitions__pk=ambition)
    return _with_details(qs).order_by("title")


def opportunity_get(*, pk: int) -> Opportunity:
    opportunity = (
        _with_details(Opportunity.objects.filter(pk=pk))
        .prefetch_related(
            "progress_updates", "status_changes__merged_into", "merged_from__opportunity"
        )
        .first()
    )
    if opportunity is None:
        raise NotFound(f"No kans with id {pk}")
    return opportunity


def opportunity_get_by_slug(*, programme: Programme, slug: str) -> Opportunity:
    opportunity = Opportunity.objects.filter(programme=programme, slug=slug).first()
    if opportunity is None:
        raise NotFound(f"No kans '{slug}'")
    return opportunity_get(pk=opportunity.pk)


def measure_get(*, pk: int) -> Measure:
    measure = Measure.objects.select_related("opportunity__programme").filter(pk=pk).first()
    if measure is None:
        raise NotFound(f"No measure with id {pk}")
    return measure


@dataclass(frozen=True)
class MeasureSummary:
    measure: Measure
    actual: Decimal | None
    actual_date: dt.date | None
    share_of_target: float | None  # 0..1+, None when no target or no value


def measure_summaries(*, opportunity: Opportunity) -> list[MeasureSummary]:
    """Target against the latest actual value, using the prefetched values."""
    result = []
    for measure in opportunity.measures.all():
        values = list(measure.values.all())
        latest = values[-1] if values else None
        share = None
        if latest is not None and measure.target:
            share = float(latest.value / measure.target)
        result.append(
            MeasureSummary(
                measure=measure,
                actual=latest.value if latest else None,
                actual_date=latest.date if latest else None,
                share_of_target=share,
            )
        )
    return result


def funnel_steps(*, opportunity: Opportunity) -> list[MeasureSummary]:
    """The measures that form the kans's funnel, in order (empty when there is none)."""
    steps = [
        s for s in measure_summaries(opportunity=opportunity) if s.measure.funnel_order is not None
    ]
    return sorted(steps, key=lambda s: s.measure.funnel_order or 0) if len(steps) >= 2 else []


def coalition_by_role(*, opportunity: Opportunity) -> list[tuple[str, str, list[CoalitionMember]]]:
    """The coalition grouped by role, lead first: [(role, label, members)], empty roles left out."""
    members = list(opportunity.coalition.all())
    return [
        (role.value, str(role.label), [m for m in members if m.role == role])
        for role in (CoalitionRole.LEAD, CoalitionRole.PARTNER, CoalitionRole.FUNDER)
        if any(m.role == role for m in members)
    ]


# --- the programme pages: ambitions with their kansen, long-running work ------------------


def ambition_list(*, programme: Programme) -> QuerySet[Ambition]:
    """The programme's ambitions, each with its kansen (by kind and title)."""
    return programme.ambitions.prefetch_related(
        Prefetch("opportunities", queryset=Opportunity.objects.order_by("kind", "title"))
    ).order_by("number")


@dataclass(frozen=True)
class KansItem:
    """A kans as shown on a page: its status, or its status on the chosen date."""

    opportunity: Opportunity
    status: str
    status_label: str


@dataclass(frozen=True)
class AmbitionKansen:
    ambition: Ambition
    kansen: list[KansItem]


@dataclass(frozen=True)
class ProgrammeOverview:
    programme: Programme
    active_on: dt.date | None
    ambitions: list[AmbitionKansen]
    without_ambition: list[KansItem]
    long_running: list[KansItem]
    kans_count: int
    status_counts: list[tuple[str, str, int]]  # (status, label, count), lifecycle order
    organisation_count: int


def programme_overview(
    *, programme: Programme, active_on: dt.date | None = None
) -> ProgrammeOverview:
    """The programme page: ambitions with their kansen, long-running work and counts.

    With `active_on`, only kansen and long-running work running on that date, per their history.
    A constant number of queries, however many kansen there are.
    """

    def items(kind: str) -> list[KansItem]:
        result = []
        for o in opportunity_list(programme=programme, kind=kind, active_on=active_on):
            status = getattr(o, "status_on", None) or o.status
            result.append(KansItem(o, status, str(OpportunityStatus(status).label)))
        return result

    kansen = items(OpportunityKind.KANS)
    long_running = items(OpportunityKind.LONG_RUNNING)
    ambitions = list(programme.ambitions.order_by("number"))
    per_ambition = [
        AmbitionKansen(
            ambition=a,
            kansen=[k for k in kansen if any(x.pk == a.pk for x in k.opportunity.ambitions.all())],
        )
        for a in ambitions
    ]
    counts = dict.fromkeys(OpportunityStatus.values, 0)
    for item in kansen:
        counts[item.status] += 1
    organisation_count = (
        CoalitionMember.objects.filter(opportunity__programme=programme)
        .values("organisation")
        .distinct()
        .count()
    )
    return ProgrammeOverview(
        programme=programme,
        active_on=active_on,
        ambitions=per_ambition,
        without_ambition=[k for k in kansen if not k.opportunity.ambitions.all()],
        long_running=long_running,
        kans_count=len(kansen),
        status_counts=[(s, str(OpportunityStatus(s).label), n) for s, n in counts.items() if n],
        organisation_count=organisation_count,
    )


def long_running_list(*, programme: Programme) -> list[Opportunity]:
    """Long-running work of the programme with its history (when it moved from kans)."""
    return list(
        opportunity_list(programme=programme, kind=OpportunityKind.LONG_RUNNING).prefetch_related(
            "status_changes"
        )
    )

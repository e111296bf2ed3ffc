"""Reads of programmes, ambitions and themes. Programme data is public (council report)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.programmes.models import Ambition, Programme

if TYPE_CHECKING:
    from wijkaanpak.opportunities.models import Opportunity


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.select_related("municipality", "area").order_by("name")


def programme_get(*, slug: str) -> Programme:
    programme = programme_list().filter(slug=slug).first()
    if programme is None:
        raise NotFound(f"No programme with slug '{slug}'")
    return programme


def ambition_list(*, programme: Programme) -> QuerySet[Ambition]:
    from wijkaanpak.opportunities.models import Opportunity

    return programme.ambitions.prefetch_related(
        Prefetch("opportunities", queryset=Opportunity.objects.order_by("kind", "title"))
    ).order_by("number")


def ambition_get(*, pk: int) -> Ambition:
    ambition = Ambition.objects.select_related("programme").filter(pk=pk).first()
    if ambition is None:
        raise NotFound(f"No ambition with id {pk}")
    return ambition


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
    from wijkaanpak.opportunities.models import CoalitionMember, OpportunityKind, OpportunityStatus
    from wijkaanpak.opportunities.selectors import opportunity_list

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
    from wijkaanpak.opportunities.models import OpportunityKind
    from wijkaanpak.opportunities.selectors import opportunity_list

    return list(
        opportunity_list(programme=programme, kind=OpportunityKind.LONG_RUNNING).prefetch_related(
            "status_changes"
        )
    )

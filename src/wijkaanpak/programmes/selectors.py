"""Reads of programmes, ambitions and themes. Programme data is public (council report)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.programmes.models import Ambition, Programme


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.select_related("municipality", "area").order_by("name")


def programme_get(*, slug: str) -> Programme:
    programme = programme_list().filter(slug=slug).first()
    if programme is None:
        raise NotFound(f"No programme with slug '{slug}'")
    return programme


def ambition_get(*, pk: int) -> Ambition:
    ambition = Ambition.objects.select_related("programme").filter(pk=pk).first()
    if ambition is None:
        raise NotFound(f"No ambition with id {pk}")
    return ambition


@dataclass
class Lineage:
    """What a programme came from and what became of it (the programme page's "Voortgekomen
    uit"): the predecessor, the later programmes, and per ambition the pillars it took over."""

    predecessor: Programme | None
    successors: list[Programme]
    continues: list[tuple[Ambition, list[Ambition]]]  # (this programme's ambition, pillars)
    continued_by: list[tuple[Ambition, list[Ambition]]]  # (this programme's pillar, ambitions)

    @property
    def shown(self) -> bool:
        return self.predecessor is not None or bool(self.successors)


def programme_lineage(*, programme: Programme) -> Lineage:
    """Three queries at most, however many ambitions and pillars."""
    predecessor = (
        Programme.objects.filter(pk=programme.predecessor_id).first()
        if programme.predecessor_id
        else None
    )
    successors = list(Programme.objects.filter(predecessor=programme).order_by("start_year"))
    if predecessor is None and not successors:
        return Lineage(None, [], [], [])
    links = Ambition.continues.through.objects.filter(
        Q(from_ambition__programme=programme) | Q(to_ambition__programme=programme)
    ).select_related("from_ambition__programme", "to_ambition__programme")
    continues: dict[Ambition, list[Ambition]] = {}
    continued_by: dict[Ambition, list[Ambition]] = {}
    for link in links.order_by("from_ambition__number", "to_ambition__number"):
        later, earlier = link.from_ambition, link.to_ambition
        if later.programme_id == programme.pk:
            continues.setdefault(later, []).append(earlier)
        if earlier.programme_id == programme.pk:
            continued_by.setdefault(earlier, []).append(later)
    return Lineage(
        predecessor,
        successors,
        sorted(continues.items(), key=lambda kv: kv[0].number),
        sorted(continued_by.items(), key=lambda kv: kv[0].number),
    )

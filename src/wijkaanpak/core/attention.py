"""What needs a coordinator's attention, gathered from apps that core does not know.

The coordinator's start page ("Mijn werk", in outreach) shows per programme what needs
attention: overdue referrals (outreach), measures past their target date (opportunities), budget
still unallocated (finance), background work that failed (jobs). outreach may not import finance
(same layer) and core imports no domain app, so each app registers a provider here from its
`AppConfig.ready()`; the page asks `attention_for()` (docs/architecture.md, "Attention").

A provider gets the ids of the programmes the caller coordinates and returns, per programme id,
its items. It answers in a fixed number of queries however many programmes or rows there are,
and shows counts and titles only: no personal data.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class AttentionLink:
    title: str
    url: str


@dataclass(frozen=True)
class AttentionItem:
    """One thing to look at: a count with its label (e.g. 3 "measures past their target date"),
    where to go, and a few examples."""

    key: str
    count: int
    label: str | Promise
    url: str = ""
    links: list[AttentionLink] = field(default_factory=list)
    #: Lower first on the page.
    order: int = 50


Provider = Callable[[Collection[int]], dict[int, list[AttentionItem]]]

_providers: dict[str, Provider] = {}


def attention_register(name: str, provider: Provider) -> None:
    """Register (or replace, so a reloaded app registers once) a provider under its name."""
    _providers[name] = provider


def attention_for(programme_ids: Collection[int]) -> dict[int, list[AttentionItem]]:
    """Every registered provider's items per programme, in their order; items with nothing to
    look at (count 0) are left out."""
    found: dict[int, list[AttentionItem]] = {pk: [] for pk in programme_ids}
    if not programme_ids:
        return found
    for name in sorted(_providers):
        for pk, items in _providers[name](programme_ids).items():
            if pk in found:
                found[pk].extend(item for item in items if item.count)
    for items in found.values():
        items.sort(key=lambda item: (item.order, item.key))
    return found

"""The coordinator's start page: budget still unallocated (core/attention.py)."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.attention import AttentionItem, AttentionLink
from wijkaanpak.finance.models import Budget, LineStatus


def budget_unallocated(programme_ids: Collection[int]) -> dict[int, list[AttentionItem]]:
    """Per programme, its budget years with lines still to allocate (in euros), in one query."""
    years = (
        Budget.objects.filter(programme_id__in=list(programme_ids))
        .annotate(open=Sum("lines__amount", filter=Q(lines__status=LineStatus.UNALLOCATED)))
        .filter(open__gt=0)
        .select_related("programme")
        .order_by("programme_id", "-year")
    )
    per: dict[int, list[Budget]] = {}
    for budget in years:
        per.setdefault(budget.programme_id, []).append(budget)
    return {
        pk: [
            AttentionItem(
                key="budget_unallocated",
                count=len(budgets),
                label=_("budget years with money not yet allocated"),
                links=[
                    AttentionLink(
                        title=_("%(year)s: € %(amount)s not yet allocated")
                        % {"year": b.year, "amount": f"{b.open:,}".replace(",", ".")},  # type: ignore[attr-defined]
                        url=reverse("finance:year", args=[b.programme.slug, b.year]),
                    )
                    for b in budgets
                ],
                order=30,
            )
        ]
        for pk, budgets in per.items()
    }

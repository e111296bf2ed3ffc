"""The coordinator's start page: measures past their target date (core/attention.py)."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.attention import AttentionItem, AttentionLink
from wijkaanpak.opportunities.models import RUNNING_STATUS, Measure, MeasureValue

#: Examples named per programme; the count covers all.
LINKS = 5


def measures_past_target_date(programme_ids: Collection[int]) -> dict[int, list[AttentionItem]]:
    """Measures of running kansen whose target date has passed without their target reached (the
    latest value below a minimum, above a maximum, or none at all), in one query."""
    latest = (
        MeasureValue.objects.filter(measure=OuterRef("pk")).order_by("-date", "-id").values("value")
    )
    late = (
        Measure.objects.filter(
            opportunity__programme_id__in=list(programme_ids),
            opportunity__status__in=list(RUNNING_STATUS.values()),
            target__isnull=False,
            target_date__lt=timezone.localdate(),
        )
        .annotate(latest=Subquery(latest[:1]))
        .filter(
            Q(latest__isnull=True)
            | Q(target_is_minimum=True, latest__lt=F("target"))
            | Q(target_is_minimum=False, latest__gt=F("target"))
        )
        .select_related("opportunity")
        .order_by("target_date", "pk")
    )
    per: dict[int, list[Measure]] = {}
    for measure in late:
        per.setdefault(measure.opportunity.programme_id, []).append(measure)
    return {
        pk: [
            AttentionItem(
                key="measures_past_target_date",
                count=len(measures),
                label=_("measures past their target date"),
                links=[
                    AttentionLink(
                        title=f"{m.name} ({m.opportunity.title})",
                        url=reverse("opportunities:detail", args=[m.opportunity_id]),
                    )
                    for m in measures[:LINKS]
                ],
                order=20,
            )
        ]
        for pk, measures in per.items()
    }

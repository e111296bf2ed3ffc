"""Aggregates of a campaign with small-number suppression (the rules and the functions that
apply them are in outreach/suppression.py; docs/outreach.md, "Small numbers"). Every count a
page, the API or a kans measure publishes goes through them. All counts of one campaign are
computed with a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum

from wijkaanpak.outreach.models import (
    Address,
    Answer,
    Campaign,
    Commitment,
    Question,
    QuestionType,
    Referral,
)
from wijkaanpak.outreach.suppression import (
    SUPPRESSED,
    THRESHOLD,
    Cell,
    percentage,
    suppress,
    suppress_nested,
    suppress_partition,
    suppress_table,
)
from wijkaanpak.outreach.suppression import (
    _complement as _complement,  # re-exported: the tests speak of aggregates._complement
)

FUNNEL_STEPS = (
    "addresses",
    "attempted",
    "reached",
    "interviewed",
    "agreements",
    "referrals",
    "accepted",
    "first_contact",
    "completed",
)


_REFERRAL_SUMS = (
    "referrals",
    "accepted",
    "first_contact",
    "completed",
    "sent",
    "sent_accepted",
    "decided",
    "first_contacts",
    "within",
)


def referral_groups(*, campaign: Campaign) -> list[dict[str, Any]]:
    """Every raw referral count of a campaign per organisation × theme, in ONE pass over its
    referrals: the funnel's milestones, the service-level figures and the cross table all
    come from these rows (referral_counts(), referral_service(), referral_table())."""
    days = ExpressionWrapper(F("first_contact_at") - F("sent_at"), output_field=DurationField())
    sent = Q(sent_at__isnull=False)
    return list(
        Referral.objects.filter(campaign=campaign)
        .values("organisation__name", "theme__name")
        .annotate(
            referrals=Count("pk"),
            accepted=Count("pk", filter=Q(accepted_at__isnull=False)),
            first_contact=Count("pk", filter=Q(first_contact_at__isnull=False)),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            sent=Count("pk", filter=sent),
            sent_accepted=Count("pk", filter=sent & Q(accepted_at__isnull=False)),
            decided=Count("pk", filter=sent & (Q(accepted_at__isnull=False) | Q(state="declined"))),
            first_contacts=Count("pk", filter=sent & Q(first_contact_at__isnull=False)),
            within=Count(
                "pk",
                filter=sent
                & Q(first_contact_at__isnull=False, first_contact_due__isnull=False)
                & Q(first_contact_at__date__lte=F("first_contact_due")),
            ),
            days=Sum(days, filter=sent & Q(first_contact_at__isnull=False)),
        )
        .order_by("organisation__name", "theme__name")
    )


def referral_counts(
    *, campaign: Campaign, groups: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The campaign's referral totals (summed from referral_groups(), read if not given),
    with `mean_days` the mean time from sending to first contact."""
    if groups is None:
        groups = referral_groups(campaign=campaign)
    totals: dict[str, Any] = {k: sum(g[k] for g in groups) for k in _REFERRAL_SUMS}
    durations = [g["days"] for g in groups if g["days"] is not None]
    totals["mean_days"] = (
        sum(durations, dt.timedelta()) / totals["first_contacts"]
        if durations and totals["first_contacts"]
        else None
    )
    return totals


def funnel_counts(*, campaign: Campaign, referrals: dict[str, Any] | None = None) -> dict[str, int]:
    """The raw (unsuppressed) funnel. Internal: callers show `funnel()` instead.

    Three aggregate queries: addresses (their visit flags are kept by visit_record), referrals
    (milestone dates; none if `referrals` from referral_counts() is given), agreements.
    """
    addresses = Address.objects.filter(campaign=campaign).aggregate(
        addresses=Count("pk"),
        attempted=Count("pk", filter=Q(attempted=True)),
        reached=Count("pk", filter=Q(reached=True)),
        interviewed=Count("pk", filter=Q(interviewed=True)),
    )
    if referrals is None:
        referrals = referral_counts(campaign=campaign)
    agreements = Commitment.objects.filter(campaign=campaign).count()
    steps = ("referrals", "accepted", "first_contact", "completed")
    return {**addresses, "agreements": agreements, **{k: referrals[k] for k in steps}}


@dataclass
class QuestionSummary:
    id: int
    code: str
    text: str
    theme: str
    type: str
    answered: Cell
    options: list[dict[str, Any]] = field(default_factory=list)
    percent: float | None = None
    percent_label: str = ""


def question_summaries(*, campaign: Campaign) -> list[QuestionSummary]:
    questions = list(campaign.questions.select_related("theme").order_by("order", "id"))
    # Closed questions per value, open ones only counted (their text is never grouped);
    # both read the (question, value) index without joining the questions again.
    closed = [q.pk for q in questions if q.type not in (QuestionType.TEXT, QuestionType.NUMBER)]
    opened = [q.pk for q in questions if q.pk not in closed]
    by_question: dict[int, dict[str, int]] = defaultdict(dict)
    totals: dict[int, int] = defaultdict(int)
    rows = (
        Answer.objects.filter(question_id__in=closed)
        .values_list("question_id", "value")
        .annotate(n=Count("*"))
        .order_by()
    )
    for question_id, value, n in rows:
        by_question[question_id][value] = n
        totals[question_id] += n
    if opened:
        open_rows = (
            Answer.objects.filter(question_id__in=opened)
            .values_list("question_id")
            .annotate(n=Count("*"))
            .order_by()
        )
        for question_id, n in open_rows:
            totals[question_id] = n
    return [_summarise(q, by_question.get(q.pk, {}), totals.get(q.pk, 0)) for q in questions]


def _summarise(question: Question, counts: dict[str, int], total: int) -> QuestionSummary:
    summary = QuestionSummary(
        id=question.pk,
        code=question.code,
        text=question.text,
        theme=question.theme.name,
        type=question.type,
        answered=suppress(total),
        percent_label=question.positive_label,
    )
    if question.type in (QuestionType.TEXT, QuestionType.NUMBER):
        return summary
    choices = question.choices()
    values = [counts.get(c["value"], 0) for c in choices]
    hidden = suppress_partition(values)
    summary.options = [
        {"value": c["value"], "label": c["label"], "count": SUPPRESSED if h else v}
        for c, v, h in zip(choices, values, hidden, strict=True)
    ]
    positive = {str(v) for v in question.positive_values}
    if positive:
        sides = [
            [h for c, h in zip(choices, hidden, strict=True) if (c["value"] in positive) == p]
            for p in (True, False)
        ]
        pos = sum(v for c, v in zip(choices, values, strict=True) if c["value"] in positive)
        # A side with exactly one hidden cell would reveal it through the percentage.
        if all(sum(side) != 1 for side in sides) and total - pos >= THRESHOLD:
            summary.percent = percentage(pos, total)
    return summary


def referral_table(
    *, campaign: Campaign, groups: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Referrals per organisation × theme with suppressed cells, rows and columns
    (from referral_groups(), read if not given)."""
    rows = groups if groups is not None else referral_groups(campaign=campaign)
    orgs = sorted({r["organisation__name"] for r in rows})
    themes = sorted({r["theme__name"] for r in rows})
    grid = {(r["organisation__name"], r["theme__name"]): r["referrals"] for r in rows}
    matrix = [[grid.get((o, t), 0) for t in themes] for o in orgs]
    hidden, row_hidden, column_hidden = suppress_table(matrix)
    return {
        "themes": themes,
        "rows": [
            {
                "organisation": o,
                "cells": [SUPPRESSED if hidden[i][j] else matrix[i][j] for j in range(len(themes))],
                "total": SUPPRESSED if row_hidden[i] else sum(matrix[i]),
            }
            for i, o in enumerate(orgs)
        ],
        "totals": [
            SUPPRESSED if column_hidden[j] else sum(matrix[i][j] for i in range(len(orgs)))
            for j in range(len(themes))
        ],
    }


def referral_service(
    *, campaign: Campaign, referrals: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Acceptance rate and days to first contact against the service level (one aggregate,
    none if `referrals` from referral_counts() is given)."""
    row = referrals if referrals is not None else referral_counts(campaign=campaign)
    mean = row["mean_days"]
    return {
        "sent": suppress(row["sent"]),
        "accepted": suppress(row["sent_accepted"]),
        "acceptance_rate": percentage(row["sent_accepted"], row["decided"]),
        "first_contacts": suppress(row["first_contacts"]),
        "mean_days_to_first_contact": (
            round(mean.total_seconds() / 86400, 1)
            if mean is not None and row["first_contacts"] >= THRESHOLD
            else None
        ),
        "first_contact_within_service_level": percentage(row["within"], row["first_contacts"]),
    }


def published_counts(*, campaign: Campaign, steps: Collection[str]) -> dict[str, int | None]:
    """The counts of `steps` as they may be published together (on kans measures): rules 1
    and 4 among the published steps, None for a hidden one, so that no published count is
    small and no two published counts of a chain differ by a small number."""
    counts = funnel_counts(campaign=campaign)
    hidden = _chain_hidden(counts, [s for s in FUNNEL_STEPS if s in steps])
    return {s: None if hidden[s] else counts[s] for s in steps}


def _chain_hidden(counts: dict[str, int], steps: list[str]) -> dict[str, bool]:
    """Rule 4 on the funnel's two chains of nested counts (restricted to `steps`): the
    addresses and what became of them, and the referrals and what became of them. The
    agreements are counted apart (an agreement is no subset of an interview)."""
    hidden = {"agreements": counts["agreements"] < THRESHOLD}
    for chain in (FUNNEL_STEPS[:4], FUNNEL_STEPS[5:]):
        shown = [s for s in chain if s in steps]
        hidden.update(zip(shown, suppress_nested([counts[s] for s in shown]), strict=True))
    return hidden


def funnel(*, campaign: Campaign, referrals: dict[str, Any] | None = None) -> dict[str, Any]:
    counts = funnel_counts(campaign=campaign, referrals=referrals)
    hidden = _chain_hidden(counts, list(FUNNEL_STEPS))
    steps = [
        {
            "step": step,
            "count": SUPPRESSED if hidden[step] else counts[step],
            "percent": _address_share(step, counts, hidden),
        }
        for step in FUNNEL_STEPS
    ]
    return {"campaign": campaign, "steps": steps}


def _address_share(step: str, counts: dict[str, int], hidden: dict[str, bool]) -> float | None:
    """A shown address step as a percentage of the addresses (their own row: 100)."""
    if step not in FUNNEL_STEPS[:4] or hidden[step]:
        return None
    if step == "addresses":
        return 100
    return percentage(counts[step], counts["addresses"])

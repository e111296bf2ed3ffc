"""The work queues (issue 15): referrals and escalations as tables with the dates that matter,
a search (`?q=`), filters and sorting in the URL (core/queues.py), pages of a fixed size, and
the steps each row allows the caller, named as verbs."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wijkaanpak.core.queues import QueueSpec
from wijkaanpak.outreach import selectors
from wijkaanpak.outreach.models import Actor as ReferralActor
from wijkaanpak.outreach.models import ReferralState
from wijkaanpak.outreach.work_views import referral_steps, shared_data_items

REFERRALS = QueueSpec(
    filters={"state": frozenset(ReferralState.values), "overdue": frozenset({"1"})},
    sorts=selectors.REFERRAL_SORTS,
    default_sort="due",
    per_page=25,
)
ESCALATIONS = QueueSpec(
    filters={"status": frozenset({"open", "resolved"}), "mine": frozenset({"1"})},
    sorts=selectors.ESCALATION_SORTS,
    default_sort="status",
    per_page=25,
)


def _actors(r: Any) -> set[str]:
    """The caller's relation to the row (referral_visible's flags): no query per row."""
    return {
        str(role)
        for role, flag in (
            (ReferralActor.WORKER, r.is_worker),
            (ReferralActor.PARTNER, r.is_partner),
            (ReferralActor.BACK_OFFICE, r.is_back_office),
        )
        if flag
    }


@login_required
def referral_queue(request: HttpRequest) -> HttpResponse:
    params = REFERRALS.parse(request.GET)
    page = selectors.page_audited(
        selectors.referral_queue(
            user=request.user,
            q=params.q,
            state=params.filters.get("state"),
            overdue=params.filters.get("overdue") == "1",
            order_by=params.order_by,
        ),
        user=request.user,
        source=request.path,
        record_type="referral",
        limit=REFERRALS.per_page,
        offset=params.offset,
        personal=selectors.referral_carries_personal_data,
    )
    for r in page.items:
        r.overdue = selectors.referral_is_overdue(r)
        r.personal = selectors.referral_carries_personal_data(r)
        # Declining needs a reason: that step is on the detail page.
        r.next_states = [
            (to, verb)
            for to, verb in referral_steps(r.state, _actors(r))
            if to != ReferralState.DECLINED
        ]
        r.shared_items = shared_data_items(r.shared_data) if r.personal else []
        r.name = r.shared_data.get("display_name", "") if r.personal else ""
    return render(
        request,
        "outreach/referrals.html",
        {
            "page": page,
            "params": params,
            "queue": params.links(page.count),
            "states": ReferralState.choices,
        },
    )


@login_required
def escalation_queue(request: HttpRequest) -> HttpResponse:
    params = ESCALATIONS.parse(request.GET)
    page = selectors.page_audited(
        selectors.escalation_queue(
            user=request.user,
            q=params.q,
            status=params.filters.get("status"),
            mine=params.filters.get("mine") == "1",
            order_by=params.order_by,
        ),
        user=request.user,
        source=request.path,
        record_type="escalation",
        limit=ESCALATIONS.per_page,
        offset=params.offset,
    )
    may_assign = selectors.escalation_assign_programmes(user=request.user)
    assignees = selectors.escalation_assignees(
        programme_ids={
            e.campaign.programme_id
            for e in page.items
            if e.resolved_on is None and e.campaign.programme_id in may_assign
        }
    )
    for e in page.items:
        e.assignee_choices = assignees.get(e.campaign.programme_id, [])
    return render(
        request,
        "outreach/escalations.html",
        {"page": page, "params": params, "queue": params.links(page.count)},
    )

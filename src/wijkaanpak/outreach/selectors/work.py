""" "My work" (issue 15): what waits for the caller, per role, as short work queues.

Each queue is a few queries however many rows or roles there are: the caller's role ids come
from user_scope() (one query), every list is one SELECT with a LIMIT plus one COUNT, and the
records shown with personal data are written to the audit log in one INSERT (page_audited).
The coordinator's part is aggregates only (counts, with small numbers suppressed) and the
kansen of their programmes without recent progress.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, Exists, F, OuterRef, Q, When
from django.utils import timezone

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.accounts.models import ProgrammeMembership, ProgrammeRole
from wijkaanpak.core.attention import AttentionItem, attention_for
from wijkaanpak.opportunities.models import RUNNING_STATUS, Opportunity, ProgressUpdate
from wijkaanpak.outreach.models import (
    Address,
    Campaign,
    Commitment,
    CommitmentStatus,
    Escalation,
    Referral,
    ReferralState,
    VisitAttempt,
)
from wijkaanpak.outreach.selectors.referrals import overdue_q
from wijkaanpak.outreach.selectors.scope import Page, _in, _uid, page_audited, user_scope
from wijkaanpak.outreach.suppression import THRESHOLD

#: Rows per queue on the start page; the full lists are one link further.
QUEUE_SIZE = 10
#: A running kans without a progress update for this many days needs attention.
STALE_PROGRESS_DAYS = 90

#: The states in which a referral waits for its receiving organisation.
PARTNER_WAITING = (ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.FIRST_CONTACT)


@dataclass
class WorkerWork:
    campaigns: list[Campaign]
    visits_today: int
    not_visited: int
    next_addresses: list[Address]
    agreements: Page
    referrals_to_send: int


@dataclass
class ProgrammeAttention:
    programme_id: int
    programme_name: str
    programme_slug: str
    overdue_referrals: int | str
    stalled_referrals: int | str
    open_escalations: int | str
    stale_kansen: list[Opportunity]
    stale_kansen_count: int
    #: From the other apps (core/attention.py): measures past their target date, budget not yet
    #: allocated, failed background jobs.
    items: list[AttentionItem] = field(default_factory=list)


@dataclass
class Work:
    worker: WorkerWork | None = None
    partner: Page | None = None
    back_office_overdue: int = 0
    back_office_escalations: int = 0
    is_back_office: bool = False
    programmes: list[ProgrammeAttention] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.worker or self.partner or self.is_back_office or self.programmes)


def _suppressed(n: int) -> int | str:
    """A count for a coordinator: 1 to 4 shown as "<5" (docs/outreach.md, rule 1)."""
    return f"<{THRESHOLD}" if 0 < n < THRESHOLD else n


def _worker_work(*, user: Actor, campaigns: frozenset[int], source: str) -> WorkerWork:
    today = timezone.localdate()
    in_campaigns = _in("campaign_id", campaigns)
    unvisited = Address.objects.filter(in_campaigns, attempted=False)
    agreements = (
        Commitment.objects.filter(in_campaigns, status=CommitmentStatus.OPEN)
        .filter(household__anonymised_at__isnull=True)
        .select_related("household", "theme", "household__address")
        .order_by("due_date", "-id")
    )
    return WorkerWork(
        campaigns=list(Campaign.objects.filter(_in("id", campaigns)).order_by("-start_date")),
        visits_today=VisitAttempt.objects.filter(in_campaigns, date=today).count(),
        not_visited=unvisited.count(),
        next_addresses=list(unvisited.order_by("street", "house_number", "addition")[:QUEUE_SIZE]),
        agreements=page_audited(
            agreements, user=user, source=source, record_type="commitment", limit=QUEUE_SIZE
        ),
        referrals_to_send=Referral.objects.filter(
            in_campaigns, state__in=(ReferralState.PROPOSED, ReferralState.STALLED)
        ).count(),
    )


def _partner_queue(*, user: Actor, organisations: frozenset[int], source: str) -> Page:
    """The referrals waiting for the caller's organisations, the nearest due date first."""
    qs = (
        Referral.objects.filter(
            _in("organisation_id", organisations),
            sent_at__isnull=False,
            state__in=PARTNER_WAITING,
        )
        .select_related("organisation", "theme")
        .annotate(
            due=Case(
                When(state=ReferralState.SENT, then=F("accept_due")),
                When(state=ReferralState.ACCEPTED, then=F("first_contact_due")),
                default=None,
            )
        )
        .order_by(F("due").asc(nulls_last=True), "sent_at", "id")
    )
    # Every row carries the shared data of a household: all are audited.
    return page_audited(qs, user=user, source=source, record_type="referral", limit=QUEUE_SIZE)


def _programme_attention(*, user: Actor) -> list[ProgrammeAttention]:
    """The programmes the caller coordinates, with what needs attention in each: overdue and
    stalled referrals and open escalations (aggregates), kansen without recent progress."""
    coordinated = list(
        ProgrammeMembership.objects.filter(user_id=_uid(user), role=ProgrammeRole.COORDINATOR)
        .select_related("programme")
        .order_by("programme__name")
    )
    if not coordinated:
        return []
    ids = [m.programme_id for m in coordinated]
    referral_counts = {
        row["campaign__programme_id"]: row
        for row in Referral.objects.filter(campaign__programme_id__in=ids)
        .values("campaign__programme_id")
        .annotate(
            overdue=Count("pk", filter=overdue_q()),
            stalled=Count("pk", filter=Q(state=ReferralState.STALLED)),
        )
        .order_by()
    }
    escalations = dict(
        Escalation.objects.filter(campaign__programme_id__in=ids, resolved_on__isnull=True)
        .values_list("campaign__programme_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    since = timezone.localdate() - dt.timedelta(days=STALE_PROGRESS_DAYS)
    stale = list(
        Opportunity.objects.filter(programme_id__in=ids, status__in=RUNNING_STATUS.values())
        .exclude(Exists(ProgressUpdate.objects.filter(opportunity=OuterRef("pk"), date__gte=since)))
        .order_by("programme_id", "title")
        .only("pk", "title", "programme_id", "status", "kind")
    )
    others = attention_for(ids)
    result = []
    for m in coordinated:
        counts: dict[str, Any] = referral_counts.get(m.programme_id, {})
        kansen = [o for o in stale if o.programme_id == m.programme_id]
        result.append(
            ProgrammeAttention(
                programme_id=m.programme_id,
                programme_name=m.programme.name,
                programme_slug=m.programme.slug,
                overdue_referrals=_suppressed(int(counts.get("overdue", 0))),
                stalled_referrals=_suppressed(int(counts.get("stalled", 0))),
                open_escalations=_suppressed(int(escalations.get(m.programme_id, 0))),
                stale_kansen=kansen[:QUEUE_SIZE],
                stale_kansen_count=len(kansen),
                items=others.get(m.programme_id, []),
            )
        )
    return result


def work_for_user(*, user: Actor, source: str) -> Work:
    """What waits for the caller in each of their roles (empty parts are left out)."""
    scope = user_scope(user=user)
    work = Work(programmes=_programme_attention(user=user))
    if scope.worker_campaigns:
        work.worker = _worker_work(user=user, campaigns=scope.worker_campaigns, source=source)
    if scope.organisations:
        work.partner = _partner_queue(user=user, organisations=scope.organisations, source=source)
    if scope.back_office_campaigns:
        work.is_back_office = True
        in_campaigns = _in("campaign_id", scope.back_office_campaigns)
        work.back_office_overdue = Referral.objects.filter(in_campaigns).filter(overdue_q()).count()
        work.back_office_escalations = Escalation.objects.filter(
            in_campaigns, resolved_on__isnull=True
        ).count()
    return work

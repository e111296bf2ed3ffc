"""The work queues' reads (issue 15): referrals and escalations as sortable, searchable lists
(core/queues.py parses the URL). Each is one COUNT and one SELECT through page_audited, so the
number of queries per request does not grow with the rows."""

from __future__ import annotations

from django.db.models import Case, F, Q, QuerySet, When
from django.db.models.functions import Coalesce

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.outreach.models import Escalation, Referral, ReferralState
from wijkaanpak.outreach.selectors.escalations import escalation_list
from wijkaanpak.outreach.selectors.referrals import overdue_q, referral_visible

REFERRAL_SORTS: dict[str, tuple[str, ...]] = {
    "due": ("due", "-created_at", "-id"),
    "sent": ("sent_at", "id"),
    "last": ("last_action", "id"),
    "organisation": ("organisation__name", "id"),
}
ESCALATION_SORTS: dict[str, tuple[str, ...]] = {
    "raised": ("raised_on", "id"),
    "status": ("resolved_on", "-raised_on", "-id"),
    "category": ("category", "id"),
}


def referral_queue(
    *,
    user: Actor,
    q: str = "",
    state: str | None = None,
    overdue: bool = False,
    order_by: list[str] | None = None,
) -> QuerySet[Referral]:
    """The referrals the caller may see, with their due date (`due`: to accept, or to make the
    first contact) and last action (`last_action`: the latest step's time). `q` finds the
    organisation, the theme or the number; the household's name only where the caller may read
    it (the partner it was sent to, the outreach worker)."""
    qs = referral_visible(user=user).select_related("organisation", "theme")
    if state:
        qs = qs.filter(state=state)
    if overdue:
        qs = qs.filter(overdue_q())
    if q:
        found = (
            Q(organisation__name__icontains=q)
            | Q(theme__name__icontains=q)
            | ((Q(is_partner=True) | Q(is_worker=True)) & Q(shared_data__display_name__icontains=q))
        )
        if q.lstrip("#").isdigit() and len(q) < 12:
            found |= Q(pk=int(q.lstrip("#")))
        qs = qs.filter(found)
    qs = qs.annotate(
        due=Case(
            When(state=ReferralState.SENT, then=F("accept_due")),
            When(state=ReferralState.ACCEPTED, then=F("first_contact_due")),
            default=None,
        ),
        # The latest step forward (completion follows first contact follows acceptance ...).
        last_action=Coalesce(
            "completed_at", "first_contact_at", "accepted_at", "sent_at", "created_at"
        ),
    )
    order = order_by or list(REFERRAL_SORTS["due"])
    if order and order[0] in ("due", "-due"):  # no due date (done, declined): last
        head = (
            F("due").asc(nulls_last=True) if order[0] == "due" else F("due").desc(nulls_last=True)
        )
        return qs.order_by(head, *order[1:])
    return qs.order_by(*order)


def escalation_queue(
    *,
    user: Actor,
    q: str = "",
    status: str | None = None,
    mine: bool = False,
    order_by: list[str] | None = None,
) -> QuerySet[Escalation]:
    """The escalations the caller may see; `status` open or resolved; `mine` assigned to the
    caller; `q` finds what is needed, the resolution or the number."""
    qs = escalation_list(user=user)
    if status == "open":
        qs = qs.filter(resolved_on__isnull=True)
    elif status == "resolved":
        qs = qs.filter(resolved_on__isnull=False)
    if mine:
        qs = qs.filter(assignee_id=getattr(user, "pk", None))
    if q:
        found = Q(needed__icontains=q) | Q(resolution__icontains=q)
        if q.lstrip("#").isdigit() and len(q) < 12:
            found |= Q(pk=int(q.lstrip("#")))
        qs = qs.filter(found)
    return qs.order_by(*(order_by or ESCALATION_SORTS["status"]))

"""Escalations and the audit log."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.accounts.models import ProgrammeMembership, ProgrammeRole, User
from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.outreach.models import (
    AuditLogEntry,
    Commitment,
    Conversation,
    Escalation,
    OutreachRole,
    OutreachRoleKind,
    Referral,
    VisitAttempt,
)
from wijkaanpak.outreach.selectors.scope import _in, _uid, user_scope

# --- escalations and audit log -----------------------------------------------------------


def escalation_list(*, user: Actor, open_only: bool = False) -> QuerySet[Escalation]:
    scope = user_scope(user=user)
    qs = Escalation.objects.filter(
        _in("campaign_id", scope.back_office_campaigns | scope.worker_campaigns)
    ).select_related("campaign", "raised_by", "assignee")
    if open_only:
        qs = qs.filter(resolved_on__isnull=True)
    return qs.order_by("resolved_on", "-raised_on", "-id")


def escalation_assignees(*, programme_ids: set[int]) -> dict[int, list[User]]:
    """Per programme, who an escalation may be assigned to: its active back office (one query)."""
    found: dict[int, list[User]] = {pid: [] for pid in programme_ids}
    roles = (
        OutreachRole.objects.filter(
            programme_id__in=programme_ids,
            role=OutreachRoleKind.BACK_OFFICE,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    for role in roles:
        found[role.programme_id].append(role.user)
    return found


def escalation_assign_programmes(*, user: Actor) -> set[int]:
    """The programmes whose escalations the user may assign: back office or coordinator."""
    if not isinstance(user, User) or not user.is_authenticated:
        return set()
    back_office = OutreachRole.objects.filter(
        user=user, role=OutreachRoleKind.BACK_OFFICE
    ).values_list("programme_id", flat=True)
    coordinating = ProgrammeMembership.objects.filter(
        user=user, role=ProgrammeRole.COORDINATOR
    ).values_list("programme_id", flat=True)
    return set(back_office) | set(coordinating)


def escalation_get(*, user: Actor, pk: int) -> Escalation:
    escalation = escalation_list(user=user).filter(pk=pk).first()
    if escalation is None:
        raise NotFound(_("No escalation with id %s") % pk)
    return escalation


def privacy_officer_programmes(*, user: Actor) -> set[int]:
    """The ids of the programmes the user is privacy officer of (one query)."""
    uid = _uid(user)
    if not uid:
        return set()
    return set(
        OutreachRole.objects.filter(user_id=uid, role=OutreachRoleKind.PRIVACY_OFFICER).values_list(
            "programme_id", flat=True
        )
    )


def audit_log_list(
    *,
    user: Actor,
    record_type: str | None = None,
    username: str | None = None,
    record_id: int | None = None,
    household: int | None = None,
) -> QuerySet[AuditLogEntry]:
    """The audit log for the privacy officer, filtered by kind of record, record (with the
    kind: "who read conversation 12?"), user, and household: the entries of the household and
    of every visit, conversation, agreement, referral and escalation still linked to it ("who
    saw anything of household 7?", for a request of access).

    Only the entries of the programmes the user is privacy officer of: a privacy officer of
    another municipality's programme sees nothing of this one's (404 without the role)."""
    programmes = privacy_officer_programmes(user=user)
    if not programmes:
        raise NotFound(_("Not found"))
    qs = AuditLogEntry.objects.filter(programme_id__in=sorted(programmes))
    if record_type:
        qs = qs.filter(record_type=record_type)
    if username:
        qs = qs.filter(username=username)
    if record_id is not None:
        qs = qs.filter(record_id=record_id)
    if household is not None:
        qs = qs.filter(
            Q(record_type="household", record_id=household)
            | Q(
                record_type="visit",
                record_id__in=VisitAttempt.objects.filter(household_id=household).values("pk"),
            )
            | Q(
                record_type="conversation",
                record_id__in=Conversation.objects.filter(household_id=household).values("pk"),
            )
            | Q(
                record_type="commitment",
                record_id__in=Commitment.objects.filter(household_id=household).values("pk"),
            )
            | Q(
                record_type="referral",
                record_id__in=Referral.objects.filter(household_id=household).values("pk"),
            )
            | Q(
                record_type="escalation",
                record_id__in=Escalation.objects.filter(household_id=household).values("pk"),
            )
        )
    return qs.order_by("-at", "-id")

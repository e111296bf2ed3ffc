"""Notifications of outreach events and the hourly service-level check.

Every notification goes through notifications.services.notify() inside the transaction of the
change that causes it, with an idempotency key per event (and, in notify(), per recipient): the
check can run twice, or be retried after a crash, and still notifies once. Subjects and texts
name the organisation and the kind of event, never the resident (no name, address or situation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkaanpak.accounts.models import ProgrammeMembership, ProgrammeRole, User
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.workdays import working_days_between
from wijkaanpak.notifications.services import notify
from wijkaanpak.opportunities.models import Opportunity, OpportunityStatus
from wijkaanpak.outreach.models import (
    Escalation,
    EscalationCategory,
    OutreachRoleKind,
    Referral,
    ReferralState,
    ReportingDeadline,
)
from wijkaanpak.outreach.selectors import programme_service_level


def organisation_members(organisation_id: int) -> list[User]:
    return list(
        User.objects.filter(
            organisation_memberships__organisation_id=organisation_id, is_active=True
        ).distinct()
    )


def back_office_users(programme_id: int) -> list[User]:
    return list(
        User.objects.filter(
            outreach_roles__programme_id=programme_id,
            outreach_roles__role=OutreachRoleKind.BACK_OFFICE,
            is_active=True,
        ).distinct()
    )


def referral_url(referral: Referral) -> str:
    return f"{reverse('outreach:referrals')}?state={referral.state}#referral-{referral.pk}"


def escalation_url(escalation: Escalation) -> str:
    return f"{reverse('outreach:escalations')}#escalation-{escalation.pk}"


def _send(
    *,
    event: str,
    recipients: Iterable[User],
    key: str,
    subject: str,
    url: str,
    urgent: bool,
    programme_id: int,
) -> int:
    return notify(
        event=event,
        recipients=recipients,
        key=key,
        subject=subject,
        url=url,
        urgent=urgent,
        programme_id=programme_id,
    )


def referral_sent(referral: Referral) -> int:
    """A referral reached its organisation: tell the organisation's members."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("There is a new referral for %(organisation)s") % {
            "organisation": referral.organisation.name
        }
    return _send(
        event="referral.sent",
        recipients=organisation_members(referral.organisation_id),
        key=f"referral-sent:{referral.pk}:{referral.version}",
        subject=subject,
        url=referral_url(referral),
        urgent=False,
        programme_id=referral.campaign.programme_id,
    )


def escalation_raised(escalation: Escalation) -> int:
    """An escalation is handed to the back office of the programme."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("A new bottleneck for the back office of %(campaign)s") % {
            "campaign": escalation.campaign.name
        }
    return _send(
        event="escalation.raised",
        recipients=back_office_users(escalation.campaign.programme_id),
        key=f"escalation-raised:{escalation.pk}",
        subject=subject,
        url=escalation_url(escalation),
        urgent=False,
        programme_id=escalation.campaign.programme_id,
    )


def escalation_assigned(escalation: Escalation, *, by_user_id: int | None = None) -> int:
    """Tell the assignee that an escalation is theirs (not when they assigned it themselves).

    The key carries the assignee: assigned to A, then B, then A again notifies A once."""
    if escalation.assignee_id is None or escalation.assignee_id == by_user_id:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("A bottleneck of %(campaign)s was assigned to you") % {
            "campaign": escalation.campaign.name
        }
    return _send(
        event="escalation.assigned",
        recipients=User.objects.filter(pk=escalation.assignee_id, is_active=True),
        key=f"escalation-assigned:{escalation.pk}:{escalation.assignee_id}",
        subject=subject,
        url=escalation_url(escalation),
        urgent=False,
        programme_id=escalation.campaign.programme_id,
    )


def escalation_resolved(escalation: Escalation) -> int:
    """Tell whoever raised the escalation (a user) that the back office resolved it."""
    if escalation.raised_by_id is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("The back office resolved a bottleneck of %(campaign)s") % {
            "campaign": escalation.campaign.name
        }
    return _send(
        event="escalation.resolved",
        recipients=User.objects.filter(pk=escalation.raised_by_id, is_active=True),
        key=f"escalation-resolved:{escalation.pk}",
        subject=subject,
        url=escalation_url(escalation),
        urgent=False,
        programme_id=escalation.campaign.programme_id,
    )


def _organisation_reminder(referral: Referral, *, event: str, key: str, subject: str) -> int:
    """An urgent reminder to the members of the organisation the referral was sent to."""
    return _send(
        event=event,
        recipients=organisation_members(referral.organisation_id),
        key=key,
        subject=subject,
        url=referral_url(referral),
        urgent=True,
        programme_id=referral.campaign.programme_id,
    )


def _accept_reminder(referral: Referral) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("A referral for %(organisation)s waits to be accepted") % {
            "organisation": referral.organisation.name
        }
    return _organisation_reminder(
        referral,
        event="referral.accept_overdue",
        key=f"referral-accept-reminder:{referral.pk}:{referral.accept_due}",
        subject=subject,
    )


def _first_contact_reminder(referral: Referral) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("First contact for a referral to %(organisation)s is overdue") % {
            "organisation": referral.organisation.name
        }
    return _organisation_reminder(
        referral,
        event="referral.first_contact_overdue",
        key=f"referral-first-contact-reminder:{referral.pk}:{referral.first_contact_due}",
        subject=subject,
    )


def _escalate(referral: Referral) -> bool:
    """Hand an unaccepted referral to the back office (once: the referral keeps the escalation)."""
    from wijkaanpak.outreach.services.escalations import escalation_create

    with translation.override(settings.LANGUAGE_CODE):
        needed = _(
            "The referral to %(organisation)s (%(theme)s) was not accepted within its service "
            "level (accept before %(due)s)."
        ) % {
            "organisation": referral.organisation.name,
            "theme": referral.theme.name,
            "due": referral.accept_due.strftime("%d-%m-%Y") if referral.accept_due else "-",
        }
    escalation = escalation_create(
        campaign=referral.campaign,
        category=EscalationCategory.OTHER,
        needed=needed,
        household=referral.household,
        by=SYSTEM,
    )
    claimed = Referral.objects.filter(
        pk=referral.pk, escalation__isnull=True, state=ReferralState.SENT
    ).update(escalation=escalation)
    if not claimed:  # another run escalated it in the meantime: undo ours
        transaction.set_rollback(True)
        return False
    return True


def service_level_check(*, today: dt.date | None = None) -> dict[str, int]:
    """Find what passed its service level and notify (idempotent: run it as often as wanted)."""
    today = today or timezone.localdate()
    counts = {"accept_reminders": 0, "escalations": 0, "first_contact_reminders": 0}
    late_accept = (
        Referral.objects.filter(state=ReferralState.SENT, accept_due__lt=today)
        .select_related("organisation", "theme", "campaign", "household")
        .order_by("id")
    )
    for referral in late_accept:
        with transaction.atomic():
            if _accept_reminder(referral):
                counts["accept_reminders"] += 1
            level = programme_service_level(programme_id=referral.campaign.programme_id)
            assert referral.accept_due is not None
            late_by = working_days_between(referral.accept_due, today)
            if referral.escalation_id is None and late_by >= level.escalate_after_days:
                with transaction.atomic():
                    if _escalate(referral):
                        counts["escalations"] += 1
    late_contact = (
        Referral.objects.filter(state=ReferralState.ACCEPTED, first_contact_due__lt=today)
        .select_related("organisation")
        .order_by("id")
    )
    for referral in late_contact:
        with transaction.atomic():
            if _first_contact_reminder(referral):
                counts["first_contact_reminders"] += 1
    return counts


# --- reporting deadlines ------------------------------------------------------------------

REMIND_DAYS_BEFORE = 7
OPEN_KANS = (OpportunityStatus.PROPOSED, OpportunityStatus.ACTIVE)


def _kansen(deadline: ReportingDeadline) -> list[Opportunity]:
    return list(
        Opportunity.objects.filter(
            programme_id=deadline.programme_id, status__in=OPEN_KANS, coalition__isnull=False
        )
        .distinct()
        .order_by("id")
    )


def kans_recipients(opportunity: Opportunity) -> list[User]:
    """Members of the kans's coalition organisations, and the programme's editors (and
    coordinators)."""
    coalition = User.objects.filter(
        organisation_memberships__organisation__coalition_roles__opportunity=opportunity
    )
    editors = User.objects.filter(
        pk__in=ProgrammeMembership.objects.filter(
            programme_id=opportunity.programme_id,
            role__in=(ProgrammeRole.EDITOR, ProgrammeRole.COORDINATOR),
        ).values("user_id")
    )
    return list((coalition | editors).filter(is_active=True).distinct().order_by("id"))


def _progress_notice(deadline: ReportingDeadline, *, reminder: bool) -> int:
    sent = 0
    for kans in _kansen(deadline):
        if reminder and kans.progress_updates.filter(created_at__gte=deadline.created_at).exists():
            continue  # progress was reported since the request
        with translation.override(settings.LANGUAGE_CODE):
            values = {"kans": kans.title, "date": deadline.due_on.strftime("%d-%m-%Y")}
            subject = (
                _("Reminder: progress of %(kans)s is due on %(date)s") % values
                if reminder
                else _("Progress of %(kans)s is requested before %(date)s") % values
            )
        sent += _send(
            event="reporting.progress_reminder" if reminder else "reporting.progress_requested",
            recipients=kans_recipients(kans),
            key=f"progress-{'reminder' if reminder else 'request'}:{deadline.pk}:{kans.pk}",
            subject=subject,
            url=reverse("opportunities:progress_create", args=[kans.pk]),
            urgent=reminder,
            programme_id=deadline.programme_id,
        )
    return sent


def progress_requested(deadline: ReportingDeadline) -> int:
    return _progress_notice(deadline, reminder=False)


def reporting_check(*, today: dt.date | None = None) -> int:
    """A week before a deadline, remind the coalitions (once per deadline and kans)."""
    today = today or timezone.localdate()
    sent = 0
    due = ReportingDeadline.objects.filter(
        due_on__gte=today, due_on__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE)
    ).order_by("id")
    for deadline in due:
        with transaction.atomic():
            sent += _progress_notice(deadline, reminder=True)
    return sent


__all__ = [
    "progress_requested",
    "reporting_check",
    "escalation_assigned",
    "escalation_raised",
    "escalation_resolved",
    "referral_sent",
    "service_level_check",
]

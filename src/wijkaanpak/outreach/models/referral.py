"""Referrals with a warm handover: an explicit state machine with append-only history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    SENT = "sent", _("sent")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    FIRST_CONTACT = "first_contact", _("first contact made")
    COMPLETED = "completed", _("completed")
    STALLED = "stalled", _("stalled")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Actor(models.TextChoices):
    """Who may make a transition: the household's worker or coach, the receiving partner, or
    the back office."""

    WORKER = "worker", _("outreach worker or coach")
    PARTNER = "partner", _("receiving organisation")
    BACK_OFFICE = "back_office", _("back office")


S, A = ReferralState, Actor
# The state machine: from → {to: actors allowed}. Anything not listed is a conflict (409);
# a listed transition by someone else is forbidden (403).
TRANSITIONS: dict[str, dict[str, set[str]]] = {
    S.PROPOSED: {S.SENT: {A.WORKER}, S.WITHDRAWN: {A.WORKER}},
    S.SENT: {
        S.ACCEPTED: {A.PARTNER},
        S.DECLINED: {A.PARTNER},
        S.STALLED: {A.WORKER, A.BACK_OFFICE},
        S.WITHDRAWN: {A.WORKER},
    },
    S.ACCEPTED: {
        S.FIRST_CONTACT: {A.PARTNER},
        S.STALLED: {A.WORKER, A.PARTNER, A.BACK_OFFICE},
        S.WITHDRAWN: {A.WORKER},
    },
    S.FIRST_CONTACT: {
        S.COMPLETED: {A.PARTNER, A.WORKER},
        S.STALLED: {A.WORKER, A.PARTNER, A.BACK_OFFICE},
    },
    S.STALLED: {S.SENT: {A.WORKER, A.BACK_OFFICE}, S.WITHDRAWN: {A.WORKER}},
    S.DECLINED: {},
    S.COMPLETED: {},
    S.WITHDRAWN: {},
}
OPEN_STATES = (S.PROPOSED, S.SENT, S.ACCEPTED, S.FIRST_CONTACT, S.STALLED)


class ProgrammeServiceLevel(models.Model):
    """The programme's service level in working days (core.workdays): within how many working
    days a receiving organisation accepts a sent referral and makes first contact after
    accepting, and after how many further working days an unaccepted referral is escalated to
    the back office. An organisation's ServiceLevel overrides the first two."""

    programme = models.OneToOneField(
        "programmes.Programme", on_delete=models.CASCADE, related_name="service_level"
    )
    referral_accept_days = models.PositiveSmallIntegerField(
        _("working days to accept a referral"), default=5
    )
    first_contact_days = models.PositiveSmallIntegerField(
        _("working days to first contact"), default=10
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("working days after the accept due date before escalation"), default=3
    )

    class Meta:
        verbose_name = _("programme service level")
        verbose_name_plural = _("programme service levels")

    def __str__(self) -> str:
        return str(self.programme)


class ServiceLevel(models.Model):
    """Working days within which an organisation accepts and makes first contact (optionally per
    theme); overrides the programme's ProgrammeServiceLevel."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="service_levels"
    )
    theme = models.ForeignKey(
        "outreach.Theme", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    days_to_accept = models.PositiveSmallIntegerField(_("working days to accept"), default=5)
    days_to_first_contact = models.PositiveSmallIntegerField(
        _("working days to first contact"), default=10
    )

    class Meta:
        verbose_name = _("service level")
        verbose_name_plural = _("service levels")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "theme"], name="service_level_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.theme or ''}"


class Referral(models.Model):
    """A referral of a household to an organisation, carrying only the consented fields."""

    campaign = models.ForeignKey(
        "outreach.Campaign", on_delete=models.CASCADE, related_name="referrals"
    )
    household = models.ForeignKey(
        "outreach.Household", null=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="referrals"
    )
    theme = models.ForeignKey("outreach.Theme", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason for the referral"), blank=True)
    shared_data = models.JSONField(_("shared data"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ReferralState.choices, default=ReferralState.PROPOSED
    )
    decline_reason = models.TextField(_("reason declined"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Dates of the milestones, kept for the aggregates (they survive anonymisation).
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    accept_due = models.DateField(_("accept before"), null=True, blank=True)
    first_contact_due = models.DateField(_("first contact before"), null=True, blank=True)
    # The escalation to the back office made when it was not accepted in time (scheduled check).
    escalation = models.ForeignKey(
        "outreach.Escalation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"]),
            models.Index(fields=["campaign", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.state})"


class ReferralTransition(models.Model):
    """Append-only history of a referral: who, when, from, to, note."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=ReferralState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=ReferralState.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("referral transition")
        verbose_name_plural = _("referral transitions")
        ordering = ["referral", "at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state or '-'} → {self.to_state}"

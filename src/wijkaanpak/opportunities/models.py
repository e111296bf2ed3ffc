from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OpportunityKind(models.TextChoices):
    KANS = "kans", _("kans")
    LONG_RUNNING = "long_running", _("long-running work")


class OpportunityStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACTIVE = "active", _("active")
    MERGED = "merged", _("merged into another kans")
    LONG_RUNNING = "long_running", _("moved to long-running work")
    COMPLETED = "completed", _("completed")
    STOPPED = "stopped", _("stopped")


# The lifecycle: which status may follow which. Anything else is a conflict (409).
TRANSITIONS: dict[str, set[str]] = {
    OpportunityStatus.PROPOSED: {
        OpportunityStatus.ACTIVE,
        OpportunityStatus.LONG_RUNNING,
        OpportunityStatus.STOPPED,
    },
    OpportunityStatus.ACTIVE: {
        OpportunityStatus.MERGED,
        OpportunityStatus.LONG_RUNNING,
        OpportunityStatus.COMPLETED,
        OpportunityStatus.STOPPED,
    },
    OpportunityStatus.LONG_RUNNING: {
        OpportunityStatus.ACTIVE,
        OpportunityStatus.COMPLETED,
        OpportunityStatus.STOPPED,
    },
    OpportunityStatus.MERGED: set(),
    OpportunityStatus.COMPLETED: set(),
    OpportunityStatus.STOPPED: set(),
}

# Statuses in which the work is running, per kind.
RUNNING_STATUS = {
    OpportunityKind.KANS: OpportunityStatus.ACTIVE,
    OpportunityKind.LONG_RUNNING: OpportunityStatus.LONG_RUNNING,
}


class Opportunity(models.Model):
    """A kans: a concrete, time-bound undertaking carried by a coalition; or long-running work.

    `status` and `kind` are the current state; `status_changes` holds the dated history
    from which the state on any date is derived.
    """

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="opportunities"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=OpportunityKind.choices, default=OpportunityKind.KANS
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.PROPOSED,
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    ambitions = models.ManyToManyField(
        "programmes.Ambition", related_name="opportunities", blank=True, verbose_name=_("ambitions")
    )
    themes = models.ManyToManyField(
        "programmes.Theme",
        related_name="opportunities",
        blank=True,
        verbose_name=_("cross-cutting themes"),
    )
    area = models.ForeignKey(
        "areas.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
        verbose_name=_("area"),
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    organisations: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "organisations.Organisation", through="CoalitionMember", related_name="opportunities"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    # The ambitions and themes are part of the history too (issue 13): simple-history keeps
    # the set at every recorded row and records a row when the set changes.
    history = HistoricalRecords(excluded_fields=["created_at"], m2m_fields=[ambitions, themes])

    class Meta:
        verbose_name = _("kans")
        verbose_name_plural = _("kansen")
        ordering = ["programme", "title"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="opportunity_slug_unique")
        ]

    def __str__(self) -> str:
        return self.title


class OpportunityStatusChange(models.Model):
    """Append-only history of an opportunity's lifecycle."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=OpportunityStatus.choices, blank=True
    )
    status = models.CharField(_("to"), max_length=20, choices=OpportunityStatus.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=OpportunityKind.choices)
    effective_date = models.DateField(_("effective date"))
    reason = models.TextField(_("reason"), blank=True)
    merged_into = models.ForeignKey(
        Opportunity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["opportunity", "effective_date", "id"]
        indexes = [models.Index(fields=["opportunity", "effective_date"])]

    def __str__(self) -> str:
        return (
            f"{self.opportunity}: {self.from_status or '-'} → {self.status} ({self.effective_date})"
        )


class CoalitionRole(models.TextChoices):
    LEAD = "lead", _("lead")
    PARTNER = "partner", _("partner")
    FUNDER = "funder", _("funder")


class CoalitionMember(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="coalition")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="coalition_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=CoalitionRole.choices)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    # A function ("projectleider wijkteam"), never a person's name.
    contact_function = models.CharField(_("contact (function)"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("coalition member")
        verbose_name_plural = _("coalition members")
        ordering = ["opportunity", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "organisation"], name="coalition_member_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})"


class ProgressUpdate(models.Model):
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="progress_updates"
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    next_steps = models.TextField(_("next steps"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["opportunity", "-date", "-id"]

    def __str__(self) -> str:
        return f"{self.opportunity} {self.date}"


class RbaClass(models.TextChoices):
    HOW_MUCH = "how_much", _("how much did we do?")
    HOW_WELL = "how_well", _("how well did we do it?")
    BETTER_OFF = "better_off", _("is anyone better off?")


class Measure(models.Model):
    """A planned result (beoogde opbrengst) with a target and dated actual values.

    Measures of one opportunity with a `funnel_order` form a funnel: each step counts
    a subset of the step before it.
    """

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, default="aantal")
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_is_minimum = models.BooleanField(_("target is a minimum"), default=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    rba_class = models.CharField(_("RBA class"), max_length=20, choices=RbaClass.choices)
    funnel_order = models.PositiveSmallIntegerField(_("funnel step"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # The logic model: the indicators this measure is meant to move (a name, not an import:
    # indicators and opportunities sit on one layer).
    indicators = models.ManyToManyField(
        "indicators.Indicator",
        related_name="measures",
        blank=True,
        verbose_name=_("indicators it should move"),
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[indicators])

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["opportunity", "funnel_order", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "funnel_order"], name="measure_funnel_step_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class MeasureValue(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("measure value")
        verbose_name_plural = _("measure values")
        ordering = ["measure", "date", "id"]
        indexes = [models.Index(fields=["measure", "date"])]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value} ({self.date})"

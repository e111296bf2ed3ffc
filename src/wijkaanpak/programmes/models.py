from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Programme(models.Model):
    """A neighbourhood approach (wijkaanpak) of one municipality for a target area."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    municipality = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("target area"),
    )
    start_year = models.PositiveSmallIntegerField(_("start year"))
    description = models.TextField(_("description"), blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    predecessor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
        verbose_name=_("continues the programme"),
        help_text=_("The earlier programme whose work this programme continues."),
    )
    # Two people may edit a programme: a stale write answers 409 (team app).
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DesiredMovement(models.TextChoices):
    UP = "up", _("up")
    DOWN = "down", _("down")
    STABLE = "stable", _("stable")
    QUALITATIVE = "qualitative", _("qualitative")


class Ambition(models.Model):
    """One of a programme's long-term aims (2016: pillars)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="ambitions")
    number = models.PositiveSmallIntegerField(_("number"))
    short_name = models.CharField(_("short name"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    desired_movement = models.TextField(_("desired movement"), blank=True)
    icon = models.CharField(_("icon"), max_length=40, blank=True)
    colour = models.CharField(_("colour"), max_length=7, default="#24578f")
    continues = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="continued_by",
        verbose_name=_("continues"),
        help_text=_(
            "Ambitions (pillars) of the predecessor programme that this ambition took over."
        ),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("ambition")
        verbose_name_plural = _("ambitions")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="ambition_number_unique"),
            models.UniqueConstraint(
                fields=["programme", "short_name"], name="ambition_short_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A cross-cutting theme of a programme, such as poverty."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("cross-cutting theme")
        verbose_name_plural = _("cross-cutting themes")
        ordering = ["programme", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="theme_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

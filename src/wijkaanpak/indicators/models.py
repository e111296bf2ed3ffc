"""Indicators, their observations per area and period, imports and interpretations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Unit(models.TextChoices):
    PERCENT = "percent", _("percent")
    COUNT = "count", _("count")
    PER_1000 = "per_1000", _("per 1,000")
    PER_100 = "per_100", _("per 100")
    EURO = "euro", _("euro")
    EURO_X1000 = "euro_x1000", _("x 1,000 euro")
    SCORE = "score", _("score")
    GRADE = "grade", _("grade")
    NUMBER = "number", _("number")


#: Units whose values compare across areas of different size (rates, shares, averages, scores):
#: only these get comparison bars, an index and a rank (a count of a wijk against the city's
#: count says nothing).
RELATIVE_UNITS = frozenset({Unit.PERCENT, Unit.PER_1000, Unit.PER_100, Unit.SCORE, Unit.GRADE})


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")
    NEUTRAL = "neutral", _("neutral")


class Indicator(models.Model):
    """A measured quantity, e.g. the share of households on welfare."""

    code = models.CharField(_("code"), max_length=80, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.NUMBER)
    direction = models.CharField(
        _("desired direction"), max_length=10, choices=Direction.choices, default=Direction.NEUTRAL
    )
    definition = models.TextField(_("definition"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    ambitions = models.ManyToManyField(
        "programmes.Ambition", blank=True, related_name="indicators", verbose_name=_("ambitions")
    )
    # Derived indicators: numerator / denominator x factor (e.g. per 1,000 inhabitants).
    numerator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    denominator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    factor = models.FloatField(_("factor"), default=1.0)
    created_by_import = models.BooleanField(_("created by an import"), default=False)
    # Tenancy: an indicator of a municipality's own monitor belongs to that municipality (its
    # `gemeente` area); without one it is national, shared by the installation and changed only
    # by data stewards, unless it is marked as importable by municipalities (for their areas).
    municipality = models.ForeignKey(
        "areas.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_("Empty for a national indicator shared by the whole installation."),
    )
    municipal_import = models.BooleanField(
        _("municipalities may import figures"),
        default=False,
        help_text=_(
            "A national indicator for which a municipality may import figures of its own areas."
        ),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name_nl} ({self.code})"

    @property
    def is_relative(self) -> bool:
        """A rate, share or score (the unit decides): comparable across areas of any size."""
        return self.unit in RELATIVE_UNITS

    @property
    def is_derived(self) -> bool:
        return self.numerator_id is not None and self.denominator_id is not None

    def display_name(self, language: str | None = None) -> str:
        if language and language.startswith("en") and self.name_en:
            return self.name_en
        return self.name_nl


class Target(models.Model):
    """A target for an indicator in an area by a year, e.g. 'halve the gap with the city by 2030'."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("target value"))
    description = models.CharField(_("description"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area", "year"], name="target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area_id} {self.year}: {self.value}"


class ImportFormat(models.TextChoices):
    CBS_KWB_XLSX = "cbs-kwb-xlsx", _("CBS Kerncijfers wijken en buurten (Excel)")
    CBS_ODATA = "cbs-odata", _("CBS StatLine OData (JSON or CSV)")
    CITY_MONITOR = "city-monitor", _("City monitor CSV export")
    LONG = "long", _("Long format CSV/XLSX")


class ImportRun(models.Model):
    """One successful import of a file, with its report."""

    format = models.CharField(_("format"), max_length=20, choices=ImportFormat.choices)
    file_name = models.CharField(_("file name"), max_length=300)
    source = models.CharField(_("source"), max_length=300)
    release = models.CharField(_("release"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    values_written = models.PositiveIntegerField(_("values written"), default=0)
    values_replaced = models.PositiveIntegerField(_("values replaced"), default=0)
    values_unchanged = models.PositiveIntegerField(_("values unchanged"), default=0)
    rows_skipped = models.PositiveIntegerField(_("rows skipped"), default=0)
    areas_created = models.PositiveIntegerField(_("areas created"), default=0)
    indicators_created = models.PositiveIntegerField(_("indicators created"), default=0)
    skipped = models.JSONField(_("skipped, by reason"), default=list, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.format}, {self.started_at:%Y-%m-%d %H:%M})"


class ObservationStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("provisional")
    FINAL = "final", _("final")


class Observation(models.Model):
    """One value of an indicator for an area and period. Older releases stay as history
    (is_current=False); exactly one current observation per indicator, area and period."""

    # Foreign keys without database constraints (docs/adr/0007): the importer checks every code
    # before it writes, and Django's delete collector cascades (areas, indicators) and sets
    # null (import runs) as with constraints. On PostgreSQL each constraint cost a trigger
    # check per imported value at commit; on SQLite a parent lookup per value.
    # No index of its own either (docs/adr/0008): the current observations' unique index leads
    # with the indicator; its history across all areas, and deleting it, scan the table.
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="observations",
        db_index=False,
        db_constraint=False,
    )
    # No index of its own: the (area, period) index serves lookups by area (one index fewer to
    # keep up per imported value).
    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.CASCADE,
        related_name="observations",
        db_index=False,
        db_constraint=False,
    )
    period = models.PositiveSmallIntegerField(_("year"))
    reference_date = models.DateField(_("reference date"), null=True, blank=True)
    value = models.FloatField(_("value"), null=True, blank=True)
    missing_reason = models.CharField(_("reason missing"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    release = models.CharField(_("release"), max_length=300, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ObservationStatus.choices,
        default=ObservationStatus.FINAL,
    )
    import_run = models.ForeignKey(
        ImportRun,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
        db_index=False,  # nothing reads by import run; deleting a run scans (docs/adr/0008)
        db_constraint=False,
    )
    is_current = models.BooleanField(_("current"), default=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            # Period before area: a new year's values go to the end of each indicator's range
            # instead of between the older years of every series (docs/adr/0008).
            models.UniqueConstraint(
                fields=["indicator", "period", "area"],
                condition=Q(is_current=True),
                name="observation_current_unique",
            )
        ]
        indexes = [
            models.Index(fields=["area", "period"], name="observation_area_period"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.period}: {self.value}"


class AreaNameMapping(models.Model):
    """Maps an area name as the city monitor writes it ("Subwijk Overvecht-Noord") to an area."""

    name = models.CharField(_("name in the source"), max_length=200, unique=True)
    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("area name mapping")
        verbose_name_plural = _("area name mappings")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} → {self.area_id}"


class Interpretation(models.Model):
    """A kenniskring: partners and residents interpret the figures in a dated meeting."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="interpretations"
    )
    date = models.DateField(_("meeting date"))
    title = models.CharField(_("title"), max_length=200)
    participants = models.TextField(
        _("who took part"), help_text=_("A description, e.g. 'six residents, buurtteam, police'.")
    )
    text = models.TextField(_("interpretation"))
    indicators = models.ManyToManyField(
        Indicator, related_name="interpretations", verbose_name=_("indicators")
    )
    areas = models.ManyToManyField("areas.Area", related_name="+", verbose_name=_("areas"))
    years = models.JSONField(_("years interpreted"), default=list)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[indicators, areas])

    class Meta:
        verbose_name = _("interpretation")
        verbose_name_plural = _("interpretations")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.title}"

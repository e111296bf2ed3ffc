from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaLevel(models.TextChoices):
    COUNTRY = "land", _("country")
    MUNICIPALITY = "gemeente", _("municipality")
    DISTRICT = "wijk", _("district")
    SUBDISTRICT = "subwijk", _("subdistrict")
    NEIGHBOURHOOD = "buurt", _("neighbourhood")
    OTHER = "overig", _("other")


class Area(models.Model):
    """A geographic unit by its CBS code (GM0344, WK034403, BU03440311) or a local code."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    #: The last CBS division year (gebiedsindeling) that defines the area; None: not known.
    division_year = models.PositiveSmallIntegerField(
        _("year of area division"), null=True, blank=True
    )
    #: The first CBS division year imported that defines the area.
    first_division_year = models.PositiveSmallIntegerField(
        _("first year of area division"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class AreaBoundary(models.Model):
    """An area's outline in one CBS division year, as a GeoJSON geometry in WGS84 (longitude,
    latitude; Polygon or MultiPolygon). Files in RD New (EPSG:28992) are transformed on import."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="boundaries")
    division_year = models.PositiveSmallIntegerField(_("year of area division"))
    geometry = models.JSONField(_("geometry"))
    #: Where the outline comes from ("CBS Wijk- en buurtkaart 2016"), shown with every map.
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("area boundary")
        verbose_name_plural = _("area boundaries")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "division_year"], name="areaboundary_unique_area_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area.code} ({self.division_year})"


class ShareBasis(models.TextChoices):
    INHABITANTS = "inwoners", _("inhabitants")
    ADDRESSES = "adressen", _("addresses")


class AreaSuccession(models.Model):
    """The crosswalk between division years: part (or all) of `predecessor` became
    `successor` in division `year` (a buurt split, merged or re-coded). `share`: the percentage
    of the predecessor's inhabitants or addresses that went to this successor; the shares of
    one predecessor add up to 100."""

    predecessor = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="origins")
    #: The first division year of the new division (the year of change).
    year = models.PositiveSmallIntegerField(_("year of change"))
    share = models.DecimalField(
        _("share (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    basis = models.CharField(_("share of"), max_length=20, choices=ShareBasis.choices, blank=True)
    #: E.g. "Voorbeeld: verzonnen herindeling" for the demo's invented re-division.
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("area succession")
        verbose_name_plural = _("area successions")
        ordering = ["year", "predecessor__code", "successor__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="areasuccession_unique_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.code} → {self.successor.code} ({self.year})"

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    HOUSING_CORPORATION = "housing_corporation", _("housing corporation")
    NEIGHBOURHOOD_TEAM = "neighbourhood_team", _("neighbourhood team")
    WELFARE = "welfare", _("welfare organisation")
    HEALTH = "health", _("health care")
    POLICE = "police", _("police")
    SCHOOL = "school", _("school or education")
    COMPANY = "company", _("company")
    FOUNDATION = "foundation", _("foundation")
    RESIDENT_GROUP = "resident_group", _("resident group")
    GOVERNMENT = "government", _("other government")
    OTHER = "other", _("other")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # The Chamber of Commerce number (8 digits), when known: two entries with one number are the
    # same organisation (the directory is shared by every municipality; issue 13).
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True, default="")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kvk_number"],
                condition=~models.Q(kvk_number=""),
                name="organisation_kvk_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name

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

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

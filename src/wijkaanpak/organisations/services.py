"""Writes of organisations."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from wijkaanpak.organisations.models import Organisation, OrganisationType


@transaction.atomic
def organisation_create_or_update(
    *,
    name: str,
    type: OrganisationType | str,
    description: str = "",
    website: str = "",
) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(
        name=name,
        defaults={
            "slug": slugify(name)[:200] or "organisatie",
            "type": type,
            "description": description,
            "website": website,
        },
    )
    return organisation


@transaction.atomic
def organisation_ensure(
    *, name: str, type: OrganisationType | str = OrganisationType.OTHER
) -> Organisation:
    """Get the organisation by name, creating it when missing; never overwrites an existing one.

    Demo steps of other apps use this so that they share the organisations of the foundation demo.
    """
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        organisation = organisation_create_or_update(name=name, type=type)
    return organisation

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

"""The organisation's API schemas. The endpoints are in team/organisations_api.py (the
directory is written by municipality administrators, a role of `accounts`, above this app)."""

from __future__ import annotations

from typing import Any

from ninja import Schema

from wijkaanpak.organisations.models import Organisation


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    type: str
    description: str
    website: str
    kvk_number: str
    version: int


class OrganisationList(Schema):
    count: int
    items: list[OrganisationOut]


def organisation_out(o: Organisation) -> dict[str, Any]:
    return {
        "id": o.pk,
        "slug": o.slug,
        "name": o.name,
        "type": o.type,
        "description": o.description,
        "website": o.website,
        "kvk_number": o.kvk_number,
        "version": o.version,
    }

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from wijkaanpak.core.api_utils import READ_ERRORS, Id, Limit, Offset, paginate
from wijkaanpak.organisations import selectors
from wijkaanpak.organisations.models import Organisation, OrganisationType

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    type: str
    description: str
    website: str


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
    }


@router.get(
    "/organisations/",
    response={200: OrganisationList, **READ_ERRORS},
    summary="Partner organisations",
)
def organisation_list(
    request: HttpRequest,
    type: OrganisationType | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    return paginate(
        selectors.organisation_list(type=type),
        limit=limit,
        offset=offset,
        serialize=organisation_out,
    )


@router.get("/organisations/{int:organisation_id}/", response={200: OrganisationOut, **READ_ERRORS})
def organisation_detail(request: HttpRequest, organisation_id: Id) -> dict[str, Any]:
    return organisation_out(selectors.organisation_get_by_id(pk=organisation_id))

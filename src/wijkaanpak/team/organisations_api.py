"""The organisation directory in the API: read by everyone, written by municipality
administrators (team/organisations.py). The list and detail moved here from the organisations
app because django-ninja serves one path from one router (as the programmes did)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.core.api_utils import READ_ERRORS, WRITE_ERRORS, Id, Limit, Offset, paginate
from wijkaanpak.core.api_utils import Version as VersionField
from wijkaanpak.organisations import selectors
from wijkaanpak.organisations.api import OrganisationList, OrganisationOut, organisation_out
from wijkaanpak.organisations.models import OrganisationType
from wijkaanpak.team import organisations as services

router = Router(tags=["organisations"])


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


class OrganisationIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    type: OrganisationType
    kvk_number: str = Field("", max_length=20)
    description: str = Field("", max_length=5000)
    website: str = Field("", max_length=200)


class OrganisationPatch(Schema):
    version: VersionField
    name: str | None = Field(None, min_length=1, max_length=200)
    type: OrganisationType | None = None
    kvk_number: str | None = Field(None, max_length=20)
    description: str | None = Field(None, max_length=5000)
    website: str | None = Field(None, max_length=200)


@router.post(
    "/organisations/",
    response={201: OrganisationOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Add an organisation to the shared directory (municipality administrator)",
    description=(
        "The directory is shared by every municipality of the installation. An organisation "
        "with the same name (ignoring case) or KvK number is refused (400) with the name of the "
        "existing entry."
    ),
)
def organisation_create(request: HttpRequest, payload: OrganisationIn) -> Status[dict[str, Any]]:
    organisation = services.organisation_create(by=request.user, **payload.dict())
    return Status(201, organisation_out(organisation))


@router.patch(
    "/organisations/{int:organisation_id}/",
    response={200: OrganisationOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change an organisation (municipality administrator); a stale `version` answers 409",
)
def organisation_update(
    request: HttpRequest, organisation_id: Id, payload: OrganisationPatch
) -> dict[str, Any]:
    organisation = selectors.organisation_get_by_id(pk=organisation_id)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    version = fields.pop("version")
    updated = services.organisation_update(
        organisation=organisation, version=version, by=request.user, **fields
    )
    return organisation_out(updated)

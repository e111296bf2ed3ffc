"""Households: list, detail, create, change, access export and erasure."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Schema, Status

from wijkaanpak.core.api_utils import READ_ERRORS, WRITE_ERRORS, Date, Id, Limit, Offset, Version
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.outreach import privacy, selectors, services
from wijkaanpak.outreach.api.base import Out, choice, router, text
from wijkaanpak.outreach.models import Composition, ContactPreference, Household, LegalBasis


class HouseholdOut(Out):
    id: int
    campaign: int
    address: str | None
    display_name: str
    composition: str
    contact_preference: str
    contact: str
    legal_basis: str
    consent_date: dt.date | None
    consent_purpose: str
    shared_fields: list[str]
    coach: str | None
    version: int


class HouseholdList(Out):
    count: int
    items: list[HouseholdOut]


def _household_out(h: Household) -> dict[str, Any]:
    return {
        "id": h.pk,
        "campaign": h.campaign_id,
        "address": str(h.address) if h.address else None,
        "display_name": h.display_name,
        "composition": h.composition,
        "contact_preference": h.contact_preference,
        "contact": h.contact,
        "legal_basis": h.legal_basis,
        "consent_date": h.consent_date,
        "consent_purpose": h.consent_purpose,
        "shared_fields": h.shared_fields,
        "coach": h.coach.username if h.coach else None,
        "version": h.version,
    }


@router.get("/households/", response={200: HouseholdList, **READ_ERRORS})
def households(
    request: HttpRequest, campaign: Id | None = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    page = selectors.page_audited(
        selectors.household_list(user=request.user, campaign=campaign),
        rows=selectors.household_rows,
        user=request.user,
        source=request.path,
        record_type="household",
        limit=limit,
        offset=offset,
    )
    return {"count": page.count, "items": [_household_row_out(h) for h in page.items]}


def _household_row_out(h: dict[str, Any]) -> dict[str, Any]:
    """_household_out() for a selectors.HOUSEHOLD_ROW dict."""
    address = None
    if h["address_id"] is not None:
        addition = h["address__addition"]
        number = f"{h['address__house_number']}{('-' + addition) if addition else ''}"
        address = f"{h['address__street']} {number}, {h['address__postcode']}"
    return {
        "id": h["id"],
        "campaign": h["campaign_id"],
        "address": address,
        "display_name": h["display_name"],
        "composition": h["composition"],
        "contact_preference": h["contact_preference"],
        "contact": h["contact"],
        "legal_basis": h["legal_basis"],
        "consent_date": h["consent_date"],
        "consent_purpose": h["consent_purpose"],
        "shared_fields": h["shared_fields"],
        "coach": h["coach__username"],
        "version": h["version"],
    }


@router.get("/households/{household_id}/", response={200: HouseholdOut, **READ_ERRORS})
def household(request: HttpRequest, household_id: Id) -> dict[str, Any]:
    return _household_out(
        selectors.household_get(user=request.user, pk=household_id, source=request.path)
    )


class HouseholdIn(Schema):
    campaign: Id
    address: Id | None = None
    display_name: Annotated[str, text(200)] = ""
    composition: Annotated[str, choice(Composition)] = "unknown"
    contact_preference: Annotated[str, choice(ContactPreference)] = "visit"
    contact: Annotated[str, text(200)] = ""
    legal_basis: Annotated[str, choice(LegalBasis)] = "none"
    consent_date: Date | None = None
    consent_purpose: Annotated[str, text()] = ""
    share_with: list[Id] = []
    shared_fields: list[str] = []


def _orgs(ids: list[int]) -> list[Organisation]:
    orgs = selectors.organisations_find(ids=ids)
    if len(orgs) != len(set(ids)):
        raise InvalidInput(
            "Unknown organisation", errors=[{"field": "share_with", "message": "unknown id"}]
        )
    return orgs


@router.post("/households/", response={201: HouseholdOut, **WRITE_ERRORS})
def household_create(request: HttpRequest, payload: HouseholdIn) -> Status[dict[str, Any]]:
    c = selectors.campaign_get(user=request.user, pk=payload.campaign)
    address = None
    if payload.address is not None:
        address = selectors.address_find(campaign=c, pk=payload.address)
        if address is None:
            raise InvalidInput(
                "Unknown address", errors=[{"field": "address", "message": "not in campaign"}]
            )
    data = payload.dict(exclude={"campaign", "address", "share_with"})
    h = services.household_create(
        campaign=c,
        address=address,
        by=request.user,
        source=request.path,
        share_with=_orgs(payload.share_with),
        **data,
    )
    return Status(201, _household_out(h))


class HouseholdPatch(Schema):
    version: Version
    display_name: Annotated[str, text(200)] | None = None
    composition: Annotated[str, choice(Composition)] | None = None
    contact_preference: Annotated[str, choice(ContactPreference)] | None = None
    contact: Annotated[str, text(200)] | None = None
    legal_basis: Annotated[str, choice(LegalBasis)] | None = None
    consent_date: Date | None = None
    consent_purpose: Annotated[str, text()] | None = None
    shared_fields: list[str] | None = None
    share_with: list[Id] | None = None
    coach: str | None = None


@router.patch("/households/{household_id}/", response={200: HouseholdOut, **WRITE_ERRORS})
def household_update(
    request: HttpRequest, household_id: Id, payload: HouseholdPatch
) -> dict[str, Any]:
    """Change a household; send the `version` you read. A stale version answers 409."""
    h = selectors.household_get(
        user=request.user, pk=household_id, source=request.path, audit=False, erased=True
    )
    fields = payload.dict(exclude_unset=True, exclude={"version", "share_with", "coach"})
    if "coach" in payload.model_fields_set:
        coach = (
            selectors.coach_find(campaign=h.campaign, username=payload.coach)
            if payload.coach
            else None
        )
        if payload.coach and coach is None:
            raise services.coach_refused()
        fields["coach"] = coach
    h = services.household_update(
        household=h,
        version=payload.version,
        by=request.user,
        source=request.path,
        share_with=_orgs(payload.share_with) if payload.share_with is not None else None,
        **fields,
    )
    return _household_out(h)


@router.get("/households/{household_id}/export/", response={200: dict[str, Any], **READ_ERRORS})
def household_export(request: HttpRequest, household_id: Id) -> dict[str, Any]:
    """Right of access: everything about one household (privacy officer)."""
    h = selectors.household_get_for_privacy_officer(user=request.user, pk=household_id)
    return privacy.household_export(household=h, by=request.user, source=request.path)


@router.post("/households/{household_id}/erase/", response={204: None, **WRITE_ERRORS})
def household_erase(request: HttpRequest, household_id: Id) -> Status[None]:
    """Erasure on request: anonymise the household now (privacy officer)."""
    h = selectors.household_get_for_privacy_officer(user=request.user, pk=household_id)
    privacy.household_erase(household=h, by=request.user, source=request.path)
    return Status(204, None)

"""Campaigns: list, detail, funnel, XLSForm and the two imports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File
from ninja.files import UploadedFile

from wijkaanpak.core.api_utils import READ_ERRORS, WRITE_ERRORS, Id, Limit, Offset, paginate
from wijkaanpak.outreach import aggregates, selectors
from wijkaanpak.outreach.api.base import Cell, Out, Ref, router
from wijkaanpak.outreach.models import Campaign


class CampaignOut(Out):
    id: int
    name: str
    programme: str
    area: str
    start_date: dt.date
    end_date: dt.date
    themes: list[str]


class CampaignList(Out):
    count: int
    items: list[CampaignOut]


class StepOut(Out):
    step: str
    count: Cell
    percent: float | None = None


class OptionOut(Out):
    value: str
    label: str
    count: Cell


class QuestionOut(Out):
    id: int
    code: str
    text: str
    theme: str
    type: str
    answered: Cell
    options: list[OptionOut]
    percent: float | None
    percent_label: str


class FunnelOut(Out):
    campaign: Ref
    steps: list[StepOut]
    questions: list[QuestionOut]
    referrals: dict[str, Any]
    referrals_by_organisation_and_theme: dict[str, Any]


def _campaign_out(c: Campaign) -> dict[str, Any]:
    return {
        "id": c.pk,
        "name": c.name,
        "programme": c.programme.name,
        "area": c.area.code,
        "start_date": c.start_date,
        "end_date": c.end_date,
        "themes": [t.name for t in c.themes.all()],
    }


@router.get("/campaigns/", response={200: CampaignList, **READ_ERRORS})
def campaigns(request: HttpRequest, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    qs = selectors.campaign_list(user=request.user).prefetch_related("themes")
    return paginate(qs, limit=limit, offset=offset, serialize=_campaign_out)


@router.get("/campaigns/{campaign_id}/", response={200: CampaignOut, **READ_ERRORS})
def campaign(request: HttpRequest, campaign_id: Id) -> dict[str, Any]:
    return _campaign_out(selectors.campaign_get(user=request.user, pk=campaign_id))


@router.get("/campaigns/{campaign_id}/funnel/", response={200: FunnelOut, **READ_ERRORS})
def funnel(request: HttpRequest, campaign_id: Id) -> dict[str, Any]:
    """Aggregates with small numbers suppressed ("<5"); no personal data, so not audited."""
    c = selectors.campaign_get(user=request.user, pk=campaign_id)
    groups = aggregates.referral_groups(campaign=c)
    referrals = aggregates.referral_counts(campaign=c, groups=groups)
    data = aggregates.funnel(campaign=c, referrals=referrals)
    return {
        "campaign": {"id": c.pk, "name": c.name},
        "steps": data["steps"],
        "questions": [q.__dict__ for q in aggregates.question_summaries(campaign=c)],
        "referrals": aggregates.referral_service(campaign=c, referrals=referrals),
        "referrals_by_organisation_and_theme": aggregates.referral_table(campaign=c, groups=groups),
    }


@router.get("/campaigns/{campaign_id}/xlsform/", response={200: None, **READ_ERRORS})
def xlsform(request: HttpRequest, campaign_id: Id) -> HttpResponse:
    """The questionnaire as an XLSForm (ODK Collect, KoboToolbox)."""
    from wijkaanpak.outreach.xlsform import XLSX_TYPE, xlsform_build

    c = selectors.campaign_get(user=request.user, pk=campaign_id)
    response = HttpResponse(xlsform_build(campaign=c), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{c.form_id}.xlsx"'
    return response


class ImportOut(Out):
    created: int


@router.post(
    "/campaigns/{campaign_id}/addresses/import/", response={200: ImportOut, **WRITE_ERRORS}
)
def addresses_import(
    request: HttpRequest, campaign_id: Id, file: File[UploadedFile]
) -> dict[str, Any]:
    """Import the target list (CSV or XLSX: street, house_number, addition, postcode)."""
    from wijkaanpak.outreach.imports import address_list_import

    c = selectors.campaign_get(user=request.user, pk=campaign_id)
    n = address_list_import(
        campaign=c, filename=file.name or "upload", content=file, by=request.user
    )
    return {"created": n}


class SubmissionsOut(Out):
    visits: int
    conversations: int


@router.post(
    "/campaigns/{campaign_id}/submissions/import/", response={200: SubmissionsOut, **WRITE_ERRORS}
)
def submissions_import(
    request: HttpRequest, campaign_id: Id, file: File[UploadedFile]
) -> dict[str, Any]:
    """Import an ODK Central / KoboToolbox CSV export of this campaign's XLSForm."""
    from wijkaanpak.outreach.imports import odk_submissions_import

    c = selectors.campaign_get(user=request.user, pk=campaign_id)
    result = odk_submissions_import(
        campaign=c,
        filename=file.name or "upload",
        content=file,
        by=request.user,
        source=request.path,
    )
    return {"visits": result[0], "conversations": result[1]}

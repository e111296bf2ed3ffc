"""Reporting deadlines: coordinators request progress from every kans's coalition."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Schema, Status

from wijkaanpak.core.api_utils import READ_ERRORS, WRITE_ERRORS, Date
from wijkaanpak.outreach import selectors, services
from wijkaanpak.outreach.api.base import Out, router, text
from wijkaanpak.outreach.models import ReportingDeadline
from wijkaanpak.programmes.selectors import programme_get


class ReportingDeadlineOut(Out):
    id: int
    programme: str
    title: str
    due_on: dt.date


class ReportingDeadlineIn(Schema):
    title: Annotated[str, text(200)]
    due_on: Date


def _out(d: ReportingDeadline, slug: str) -> dict[str, Any]:
    return {"id": d.pk, "programme": slug, "title": d.title, "due_on": d.due_on}


@router.get(
    "/programmes/{slug}/reporting-deadlines/",
    response={200: list[ReportingDeadlineOut], **READ_ERRORS},
)
def reporting_deadlines(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """The programme's reporting deadlines (its members)."""
    p = programme_get(slug=slug)
    return [
        _out(d, p.slug)
        for d in selectors.reporting_deadline_list(user=request.user, programme=p)[:100]
    ]


@router.post(
    "/programmes/{slug}/reporting-deadlines/",
    response={201: ReportingDeadlineOut, **WRITE_ERRORS},
)
def reporting_deadline_create(
    request: HttpRequest, slug: str, payload: ReportingDeadlineIn
) -> Status[dict[str, Any]]:
    """Set a reporting deadline (coordinators): progress is requested from every kans's
    coalition at once, with a reminder a week before."""
    p = programme_get(slug=slug)
    d = services.reporting_deadline_create(
        programme=p,
        title=payload.title,
        due_on=payload.due_on,
        by=request.user,
        source=request.path,
    )
    return Status(201, _out(d, p.slug))

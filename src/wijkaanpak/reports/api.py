"""The annual report in the API: the list of reports, a report as HTML, PDF or DOCX (the
published version to anyone, the current draft to the programme team), and the frozen versions
with their SHA-256."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import AuthenticationError

from wijkaanpak.core.api_utils import READ_ERRORS, Id, Problem, Year
from wijkaanpak.core.exceptions import Forbidden, NotFound
from wijkaanpak.programmes.models import Programme
from wijkaanpak.programmes.selectors import programme_get
from wijkaanpak.reports import selectors
from wijkaanpak.reports.builder import report_years
from wijkaanpak.reports.models import PublishedVersion
from wijkaanpak.reports.rendering import CONTENT_TYPES, FORMATS

router = Router(tags=["reports"])

Format = Literal["html", "pdf", "docx"]
VersionFormat = Literal["html", "pdf", "docx", "json"]  # json: the data it was made from


class Links(Schema):
    html: str
    pdf: str
    docx: str


class VersionOut(Schema):
    number: int
    published_at: dt.datetime
    sha256: dict[str, str]
    links: dict[str, str]


class ReportOut(Schema):
    year: int
    status: str
    published_at: dt.datetime | None
    sha256: str | None  # of the latest published HTML
    links: Links


class ReportList(Schema):
    count: int
    items: list[ReportOut]


class VersionList(Schema):
    count: int
    items: list[VersionOut]


BINARY = {
    "description": "The report in the asked format",
    "content": {t.split(";")[0]: {"schema": {"type": "string"}} for t in CONTENT_TYPES.values()},
}


def _links(slug: str, year: int) -> Links:
    url = reverse("api:report_get", kwargs={"slug": slug, "year": year})
    return Links(html=f"{url}?format=html", pdf=f"{url}?format=pdf", docx=f"{url}?format=docx")


def _version_out(slug: str, v: PublishedVersion) -> dict[str, Any]:
    url = reverse(
        "api:report_version_get",
        kwargs={"slug": slug, "year": v.report.year, "number": v.number},
    )
    return {
        "number": v.number,
        "published_at": v.published_at,
        "sha256": dict(v.files),
        "links": {fmt: f"{url}?format={fmt}" for fmt, _sha in v.files},
    }


def _file(data: bytes, fmt: str, name: str, sha256: str | None = None) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    if sha256:
        response["X-Content-SHA256"] = sha256
        response["ETag"] = f'"{sha256}"'
    if fmt == "html":
        response["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'"
        )
    else:
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _year(programme: Programme, year: int) -> None:
    if year not in report_years(programme=programme):
        raise NotFound(f"No report for {year}")


@router.get(
    "/programmes/{slug}/reports/",
    response={200: ReportList, **READ_ERRORS},
    summary="The programme's annual reports: status, latest publication and its hash",
)
def report_list(request: HttpRequest, slug: str) -> Any:
    programme = programme_get(slug=slug)
    latest: dict[int, PublishedVersion] = {}
    for v in selectors.published_list(programme=programme):
        latest[v.report.year] = v
    status = {r.year: r.status for r in programme.reports.all()}
    items = [
        ReportOut(
            year=year,
            status=status.get(year, "draft"),
            published_at=latest[year].published_at if year in latest else None,
            sha256=latest[year].html_sha256 if year in latest else None,
            links=_links(slug, year),
        )
        for year in report_years(programme=programme)
    ]
    return {"count": len(items), "items": items}


@router.get(
    "/programmes/{slug}/reports/{int:year}/",
    response={401: Problem, 403: Problem, **READ_ERRORS},
    openapi_extra={"responses": {200: BINARY}},
    url_name="report_get",
    summary="A report as HTML, PDF or DOCX: the draft for the team, else the latest publication",
)
def report_get(request: HttpRequest, slug: str, year: Year, format: Format = "html") -> Any:
    programme = programme_get(slug=slug)
    _year(programme, year)
    name = f"{slug}-{year}"
    if selectors.user_is_team(user=request.user, programme=programme):
        return _file(FORMATS[format](programme, year), format, name)
    try:
        v = selectors.published_get(programme=programme, year=year)
    except NotFound:
        if not request.user.is_authenticated:
            raise AuthenticationError from None
        raise Forbidden("The draft report is for the programme team.") from None
    data = bytes(getattr(v, format))
    if not data:
        raise NotFound("This version has no such format.")
    return _file(data, format, f"{name}-v{v.number}", getattr(v, f"{format}_sha256"))


@router.get(
    "/programmes/{slug}/reports/{int:year}/versions/",
    response={200: VersionList, **READ_ERRORS},
    summary="The published (frozen) versions of a report with the SHA-256 of each file",
)
def report_version_list(request: HttpRequest, slug: str, year: Year) -> Any:
    programme = programme_get(slug=slug)
    _year(programme, year)
    items = [
        _version_out(slug, v) for v in selectors.published_list(programme=programme, year=year)
    ]
    return {"count": len(items), "items": items}


@router.get(
    "/programmes/{slug}/reports/{int:year}/versions/{int:number}/",
    response=READ_ERRORS,
    openapi_extra={"responses": {200: BINARY}},
    url_name="report_version_get",
    summary="A published version byte for byte as published (X-Content-SHA256 header)",
)
def report_version_get(
    request: HttpRequest, slug: str, year: Year, number: Id, format: VersionFormat = "html"
) -> Any:
    programme = programme_get(slug=slug)
    v = selectors.published_get(programme=programme, year=year, number=number)
    data = bytes(getattr(v, format))
    if not data:
        raise NotFound("This version has no such format.")
    return _file(data, format, f"{slug}-{year}-v{number}", getattr(v, f"{format}_sha256"))


@router.get(
    "/programmes/{slug}/datapackage.zip",
    response=READ_ERRORS,
    openapi_extra={
        "responses": {
            200: {
                "description": "Frictionless Data Package: datapackage.json and CSV per table",
                "content": {"application/zip": {"schema": {"type": "string"}}},
            }
        }
    },
    url_name="programme_datapackage",
    summary="The programme's open data as a Frictionless Data Package (ZIP, CC BY 4.0)",
)
def programme_datapackage(request: HttpRequest, slug: str) -> Any:
    from wijkaanpak.reports.datapackage import package_zip

    programme = programme_get(slug=slug)
    response = HttpResponse(package_zip(programme=programme), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="wijkaanpak-{slug}-open-data.zip"'
    return response

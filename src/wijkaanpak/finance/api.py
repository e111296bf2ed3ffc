"""The programme's money: public reads, writes for coordinators. Amounts are integer euros."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.core.api_utils import (
    READ_ERRORS,
    WRITE_ERRORS,
    Amount,
    Date,
    Id,
    Limit,
    Offset,
    Version,
    Year,
    paginate,
)
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.finance import selectors, services
from wijkaanpak.finance.models import Budget, BudgetLine, FundingSource, LineKind, LineStatus
from wijkaanpak.finance.selectors import BudgetSummary
from wijkaanpak.programmes.models import Programme
from wijkaanpak.programmes.selectors import programme_get

router = Router(tags=["finance"])


class LineOut(Schema):
    id: int
    subject: str
    amount: int
    kind: str
    status: str
    spent: int
    overrun: bool
    organisation: str | None
    opportunity: str | None
    opportunity_id: int | None
    ambitions: list[int]
    version: int


class AmbitionRollup(Schema):
    number: int | None
    name: str
    amount: int
    spent: int
    lines: int


class GroupRollup(Schema):
    name: str
    amount: int
    spent: int
    lines: int


class FundingRollup(Schema):
    name: str
    kind: str
    amount: int


class CheckOut(Schema):
    rule: str
    ok: bool
    message: str
    lines: list[str]


class BudgetOut(Schema):
    year: int
    budget: int
    allocated: int
    unallocated: int
    spent: int
    not_spent: int
    process_costs: int
    printed_total: int | None
    printed_total_means: str
    lines: list[LineOut]
    by_ambition: list[AmbitionRollup]
    by_organisation: list[GroupRollup]
    by_opportunity: list[GroupRollup]
    by_funding_source: list[FundingRollup]
    checks: list[CheckOut]


class BudgetYear(Schema):
    year: int
    budget: int
    url: str


class BudgetYearList(Schema):
    count: int
    items: list[BudgetYear]


# Lengths and ranges of the columns they are written to (finance/models.py), checked here
# before any query: a longer text or a larger amount is a 422 with the field, not a database
# error.
Subject = Annotated[str, Field(min_length=1, max_length=300)]
Note = Annotated[str, Field(max_length=500)]
BudgetNote = Annotated[str, Field(max_length=10_000)]
Slug = Annotated[str, Field(min_length=1, max_length=200)]


class FundingIn(Schema):
    source: Slug  # the funding source's slug
    amount: Amount


class BudgetIn(Schema):
    amount: Amount
    note: BudgetNote | None = None
    funding: list[FundingIn] | None = Field(None, max_length=100)


class LineIn(Schema):
    subject: Subject
    amount: Amount
    kind: str = LineKind.REGULAR.value  # the choices are checked by the service (400)
    status: str = LineStatus.ALLOCATED.value
    organisation_id: Id | None = None
    opportunity_id: Id | None = None
    ambitions: list[Id] = Field([], max_length=100)
    overrun: bool = False
    note: Note = ""


class LinePatch(Schema):
    subject: Subject | None = None
    amount: Amount | None = None
    kind: str | None = None
    status: str | None = None
    organisation_id: Id | None = None
    opportunity_id: Id | None = None
    ambitions: list[Id] | None = Field(None, max_length=100)
    overrun: bool | None = None
    note: Note | None = None
    version: Version | None = Field(
        None, description="The version you read; a line changed meanwhile answers 409"
    )


class RealisationIn(Schema):
    date: Date
    amount: Amount
    note: Note = ""


class RealisationOut(Schema):
    id: int
    line_id: int
    date: dt.date
    amount: int
    note: str
    line_status: str


class ImportLineOut(Schema):
    row: int
    subject: str
    amount: int
    status: str
    kind: str
    organisation: str | None
    opportunity: str | None


class ImportReportOut(Schema):
    year: int
    unit: str
    written: bool
    needs_decision: bool
    message: str
    sum_of_lines: int
    printed_total: int | None
    difference: int
    explained_by: list[dict[str, Any]]
    total_means: str | None
    budget: int
    allocated: int
    unallocated: int
    replaced: int
    lines: list[ImportLineOut]
    unmatched: list[dict[str, Any]]
    warnings: list[dict[str, Any]]


class ShareOut(Schema):
    recipient: str
    programme: str | None
    amount: int | None
    note: str


class FundingSourceOut(Schema):
    slug: str
    name: str
    kind: str
    total_amount: int | None
    description: str
    shares: list[ShareOut]


class FundingSourceList(Schema):
    count: int
    items: list[FundingSourceOut]


def _summary_out(summary: BudgetSummary) -> dict[str, Any]:
    return {
        "year": summary.year,
        "budget": summary.budget,
        "allocated": summary.allocated,
        "unallocated": summary.unallocated,
        "spent": summary.spent,
        "not_spent": summary.not_spent,
        "process_costs": summary.process_costs,
        "printed_total": summary.printed_total,
        "printed_total_means": summary.printed_total_means,
        "lines": summary.lines,
        "by_ambition": summary.by_ambition,
        "by_organisation": summary.by_organisation,
        "by_opportunity": summary.by_opportunity,
        "by_funding_source": summary.by_funding_source,
        "checks": [vars(c) for c in summary.checks],
    }


def _line_out(line: BudgetLine) -> dict[str, Any]:
    return {
        "id": line.pk,
        "subject": line.subject,
        "amount": line.amount,
        "kind": line.kind,
        "status": line.status,
        "spent": sum(r.amount for r in line.realisations.all()),
        "overrun": line.overrun,
        "organisation": line.organisation.name if line.organisation else None,
        "opportunity": line.opportunity.title if line.opportunity else None,
        "opportunity_id": line.opportunity_id,
        "ambitions": sorted(a.number for a in line.ambitions.all()),
        "version": line.version,
    }


def _budget(slug: str, year: Year) -> tuple[Programme, Budget]:
    programme = programme_get(slug=slug)
    return programme, selectors.budget_get(programme=programme, year=year)


@router.get(
    "/programmes/{slug}/budgets/",
    response={200: BudgetYearList, **READ_ERRORS},
    summary="Budget years of a programme",
)
def budget_list(request: HttpRequest, slug: str, limit: Limit = 100, offset: Offset = 0) -> Any:
    programme = programme_get(slug=slug)
    return paginate(
        selectors.budget_list(programme=programme),
        limit=limit,
        offset=offset,
        serialize=lambda b: {
            "year": b.year,
            "budget": b.amount,
            "url": f"/api/v1/programmes/{slug}/budgets/{b.year}/",
        },
    )


@router.get(
    "/programmes/{slug}/budgets/{int:year}/",
    response={200: BudgetOut, **READ_ERRORS},
    summary="A year's budget: totals, lines, roll-ups and consistency checks",
)
def budget_detail(request: HttpRequest, slug: str, year: Year) -> Any:
    programme = programme_get(slug=slug)
    return _summary_out(selectors.budget_summary(programme=programme, year=year))


@router.put(
    "/programmes/{slug}/budgets/{int:year}/",
    response={200: BudgetOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Create a year's budget or change its amount and funding (coordinator)",
)
def budget_put(request: HttpRequest, slug: str, year: Year, payload: BudgetIn) -> Any:
    programme = programme_get(slug=slug)
    sources = selectors.funding_sources_by_slug()
    unknown = [f.source for f in payload.funding or [] if f.source not in sources]
    if unknown:
        raise InvalidInput(
            _("Unknown funding source."),
            errors=[{"field": "funding", "message": ", ".join(unknown)}],
        )
    with transaction.atomic():
        budget = services.budget_set(
            programme=programme,
            year=year,
            amount=payload.amount,
            note=payload.note,
            by=request.user,
        )
        for item in payload.funding or []:
            services.budget_funding_set(
                budget=budget, source=sources[item.source], amount=item.amount, by=request.user
            )
    return _summary_out(selectors.budget_summary(programme=programme, year=year))


@router.post(
    "/programmes/{slug}/budgets/{int:year}/lines",
    response={201: LineOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Add a budget line (coordinator)",
)
def line_create(request: HttpRequest, slug: str, year: Year, payload: LineIn) -> Any:
    programme, budget = _budget(slug, year)
    line = services.budget_line_create(
        budget=budget,
        by=request.user,
        **selectors.budget_line_refs(programme=programme, data=payload.dict()),
    )
    return Status(201, _line_out(line))


@router.patch(
    "/programmes/{slug}/budgets/{int:year}/lines/{int:line_id}",
    response={200: LineOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change a budget line (coordinator)",
)
def line_update(
    request: HttpRequest, slug: str, year: Year, line_id: Id, payload: LinePatch
) -> Any:
    programme, budget = _budget(slug, year)
    line = selectors.budget_line_get(budget=budget, pk=line_id)
    nullable = ("organisation_id", "opportunity_id")
    data = {
        k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k in nullable
    }
    line = services.budget_line_update(
        line=line, by=request.user, **selectors.budget_line_refs(programme=programme, data=data)
    )
    return _line_out(line)


@router.post(
    "/programmes/{slug}/budgets/{int:year}/lines/{int:line_id}/realisations",
    response={201: RealisationOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Record money spent on a line (coordinator)",
)
def realisation_create(
    request: HttpRequest, slug: str, year: Year, line_id: Id, payload: RealisationIn
) -> Any:
    _programme, budget = _budget(slug, year)
    line = selectors.budget_line_get(budget=budget, pk=line_id)
    realisation = services.realisation_record(
        line=line, date=payload.date, amount=payload.amount, note=payload.note, by=request.user
    )
    return Status(
        201,
        {
            "id": realisation.pk,
            "line_id": line.pk,
            "date": realisation.date,
            "amount": realisation.amount,
            "note": realisation.note,
            "line_status": line.status,
        },
    )


@router.post(
    "/programmes/{slug}/budgets/{int:year}/imports",
    response={200: ImportReportOut, 201: ImportReportOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Import a budget table as the report prints it (CSV or XLSX; coordinator)",
    description=(
        "Multipart form: `file`, optional `unit` (thousands|euros; default from the header), "
        "`total_means` (allocated|budget; required when the printed total differs from the "
        "sum of the lines), `dry_run`. A dry run answers 200 with the report; a written "
        "import 201. Without `total_means` where it is needed the answer is 400 with both "
        "figures and the lines that explain the difference."
    ),
)
def budget_import(
    request: HttpRequest,
    slug: str,
    year: Year,
    file: File[UploadedFile],
    unit: Form[str | None] = None,
    total_means: Form[str | None] = None,
    dry_run: Form[bool] = False,
) -> Any:
    programme = programme_get(slug=slug)
    report = services.budget_import(
        programme=programme,
        year=year,
        content=file,
        filename=file.name or "table.csv",
        unit=unit or None,
        total_means=total_means or None,
        dry_run=dry_run,
        by=request.user,
    )
    if report.needs_decision and not dry_run:
        errors: list[dict[str, object]] = [
            {"field": "total_means", "message": _("allocated | budget")},
            *(
                {
                    "row": e["row"],
                    "column": 2,
                    "message": _("%(subject)s explains the difference") % e,
                }
                for e in report.explained_by
            ),
        ]
        raise InvalidInput(report.message, errors=errors)
    return Status(201 if report.written else 200, report.as_dict())


@router.get(
    "/funding-sources/",
    response={200: FundingSourceList, **READ_ERRORS},
    summary="Funding sources and how they are shared between programmes",
)
def funding_source_list(request: HttpRequest, limit: Limit = 100, offset: Offset = 0) -> Any:
    def out(source: FundingSource) -> dict[str, Any]:
        return {
            "slug": source.slug,
            "name": source.name,
            "kind": source.kind,
            "total_amount": source.total_amount,
            "description": source.description,
            "shares": [
                {
                    "recipient": s.recipient,
                    "programme": s.programme.slug if s.programme else None,
                    "amount": s.amount,
                    "note": s.note,
                }
                for s in source.shares.all()
            ],
        }

    return paginate(selectors.funding_source_list(), limit=limit, offset=offset, serialize=out)

"""Finance pages: the year's summary (public) and the import of a table (coordinators)."""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import Conflict, DomainError, InvalidInput, NotFound
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.core.views import page_errors
from wijkaanpak.finance import charts, selectors, services
from wijkaanpak.finance.forms import BudgetImportForm, BudgetLineForm, RealisationForm
from wijkaanpak.finance.models import Budget, BudgetLine, LineStatus
from wijkaanpak.programmes.models import Programme
from wijkaanpak.programmes.selectors import programme_get, programme_list

PENDING = "finance-import-pending"


def _programme(slug: str) -> Programme:
    try:
        return programme_get(slug=slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _is_coordinator(request: HttpRequest, programme: Programme) -> bool:
    return user_has_programme_role(
        user=request.user, programme=programme, role=ProgrammeRole.COORDINATOR
    )


def finance_index(request: HttpRequest) -> HttpResponse:
    programmes = list(programme_list())
    if len(programmes) == 1:
        return redirect("finance:programme", slug=programmes[0].slug)
    return render(request, "finance/index.html", {"programmes": programmes})


def programme_finance(request: HttpRequest, slug: str, year: int | None = None) -> HttpResponse:
    programme = _programme(slug)
    years = list(selectors.budget_list(programme=programme).values_list("year", flat=True))
    if year is None and years:
        year = years[-1]
    context: dict[str, object] = {
        "programme": programme,
        "years": years,
        "year": year,
        "can_import": _is_coordinator(request, programme),
        "funding_shares": selectors.funding_share_list(programme=programme),
    }
    if year is not None:
        try:
            summary = selectors.budget_summary(programme=programme, year=year)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        comparison = selectors.organisation_year_comparison(programme=programme)
        context.update(
            summary=summary,
            comparison=comparison,
            budget_chart=charts.budget_chart(summary),
            ambition_chart=charts.bar_chart(
                summary.by_ambition,
                title=_("Allocated per ambition, %(year)s") % {"year": year},
                colour="colour",
            ),
            organisation_chart=charts.bar_chart(
                summary.by_organisation,
                title=_("Allocated per organisation, %(year)s") % {"year": year},
            ),
            comparison_chart=charts.comparison_chart(comparison) if len(years) > 1 else None,
        )
        if context["can_import"]:
            context["realisation_form"] = RealisationForm(lines=_spendable(summary.lines))
    return render(request, "finance/year.html", context)


@login_required
def budget_import(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    if not _is_coordinator(request, programme):
        raise PermissionDenied(_("You need the coordinator role in this programme."))
    pending = request.session.get(PENDING)
    if pending and pending.get("programme") != programme.slug:
        pending = None
    report = None
    problem = None
    if request.method == "POST":
        form = BudgetImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload is not None:
                # At most one byte over the limit: the service refuses a larger file.
                content = upload.read(settings.BUDGET_IMPORT_MAX_BYTES + 1)
                filename = upload.name
            elif pending:
                content, filename = base64.b64decode(pending["content"]), pending["filename"]
            else:
                content, filename = b"", ""
            if not filename:
                form.add_error("file", _("Choose a file."))
            else:
                try:
                    report = services.budget_import(
                        programme=programme,
                        year=form.cleaned_data["year"],
                        content=content,
                        filename=filename,
                        unit=form.cleaned_data["unit"] or None,
                        total_means=form.cleaned_data["total_means"] or None,
                        dry_run=form.cleaned_data["dry_run"],
                        by=request.user,
                    )
                except DomainError as exc:
                    problem = exc
                if report is not None and report.written:
                    request.session.pop(PENDING, None)
                    messages.success(
                        request,
                        _("Budget table for %(year)s imported: %(lines)s lines.")
                        % {"year": report.year, "lines": len(report.lines)},
                    )
                    return redirect("finance:year", slug=programme.slug, year=report.year)
                if report is not None and report.needs_decision:
                    request.session[PENDING] = {
                        "programme": programme.slug,
                        "filename": filename,
                        "content": base64.b64encode(content).decode(),
                    }
                    pending = request.session[PENDING]
    else:
        form = BudgetImportForm(initial={"year": timezone.now().year})
    return render(
        request,
        "finance/import.html",
        {
            "programme": programme,
            "form": form,
            "report": report,
            "problem": problem,
            "pending": pending,
        },
        status=400 if problem is not None else 200,
    )


def _spendable(lines: list[dict[str, object]]) -> list[tuple[int, str]]:
    return [
        (int(str(line["id"])), f"{line['subject']}")
        for line in lines
        if line["status"] in (LineStatus.ALLOCATED, LineStatus.SPENT)
    ]


@login_required
def realisation_create(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Record money spent on a line (coordinators); the service applies the rules."""
    programme = _programme(slug)
    if not _is_coordinator(request, programme):
        raise PermissionDenied(_("You need the coordinator role in this programme."))
    if request.method != "POST":
        return redirect("finance:year", slug=slug, year=year)
    try:
        budget = selectors.budget_get(programme=programme, year=year)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = RealisationForm(
        request.POST,
        lines=[
            (line.pk, line.subject)
            for line in budget.lines.all()
            if line.status in (LineStatus.ALLOCATED, LineStatus.SPENT)
        ],
    )
    if form.is_valid():
        line = selectors.budget_line_get(budget=budget, pk=form.cleaned_data["line"])
        try:
            services.realisation_record(
                line=line,
                date=form.cleaned_data["date"],
                amount=form.cleaned_data["amount"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Spending recorded on %(line)s.") % {"line": line.subject})
    else:
        messages.error(
            request,
            "; ".join(
                f"{form.fields[f].label}: {', '.join(str(m) for m in e)}"
                for f, e in form.errors.items()
            ),
        )
    return redirect("finance:year", slug=slug, year=year)


def _coordinator_budget(request: HttpRequest, slug: str, year: int) -> Budget:
    programme = _programme(slug)
    if not _is_coordinator(request, programme):
        raise PermissionDenied(_("You need the coordinator role in this programme."))
    return selectors.budget_get(programme=programme, year=year, with_lines=False)


def _line_form_page(
    request: HttpRequest,
    form: BudgetLineForm,
    budget: Budget,
    line: BudgetLine | None,
    history: Any = None,
) -> HttpResponse:
    return render(
        request,
        "finance/line_form.html",
        {
            "form": form,
            "budget": budget,
            "programme": budget.programme,
            "line": line,
            "history": history,
        },
        status=400 if form.errors else 200,
    )


def _back_to_lines(budget: Budget) -> HttpResponse:
    return redirect(reverse("finance:year", args=[budget.programme.slug, budget.year]) + "#lines")


@login_required
@page_errors
def line_create(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Add a line to a year's budget (coordinators)."""
    budget = _coordinator_budget(request, slug, year)
    form = BudgetLineForm(request.POST or None, programme=budget.programme)
    if request.method == "POST" and form.is_valid():
        try:
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            line = services.budget_line_create(budget=budget, by=request.user, **data)
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
        else:
            messages.success(request, _("Budget line %(line)s added.") % {"line": line.subject})
            return _back_to_lines(budget)
    return _line_form_page(request, form, budget, None)


@login_required
@page_errors
def line_edit(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """Change a line of a year's budget (coordinators)."""
    budget = _coordinator_budget(request, slug, year)
    line = selectors.budget_line_get(budget=budget, pk=pk)
    initial = model_to_dict(line, fields=list(BudgetLineForm.base_fields))
    form = BudgetLineForm(request.POST or None, initial=initial, programme=budget.programme)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_line_update(line=line, by=request.user, **form.cleaned_data)
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
        except Conflict as exc:
            # What changed meanwhile shows at the fields; saving again overwrites it knowingly.
            form_add_domain_errors(form, exc)
            data = request.POST.copy()
            data["version"] = str(selectors.budget_line_get(budget=budget, pk=pk).version)
            form.data = data
            status = 409
        else:
            messages.success(request, _("Budget line %(line)s saved.") % {"line": line.subject})
            return _back_to_lines(budget)
    response = _line_form_page(
        request, form, budget, line, history=selectors.budget_line_history(line=line)
    )
    if status == 409:
        response.status_code = 409
    return response

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.core.api_utils import bounded_int
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput, NotFound
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.core.views import page_errors
from wijkaanpak.indicators import charts, selectors, services
from wijkaanpak.indicators.forms import ImportForm, InterpretationForm, TargetForm
from wijkaanpak.indicators.map_views import chosen_indicator, map_context, municipality_of
from wijkaanpak.programmes.models import Programme
from wijkaanpak.programmes.selectors import programme_get, programme_list


def _year(request: HttpRequest) -> int | None:
    """?year=, a year between 1 and 9999 (anything else: the latest year with figures)."""
    return bounded_int(request.GET.get("year"), low=1, high=9999)


def indicator_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "indicators/index.html",
        {
            "indicators": selectors.indicator_list(user=request.user).filter(
                created_by_import=False
            ),
            "imported": selectors.indicator_list(user=request.user)
            .filter(created_by_import=True)
            .count(),
            "programmes": programme_list(),
        },
    )


def area_profile(request: HttpRequest, code: str) -> HttpResponse:
    try:
        area = selectors.area_for_profile(code=code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    profile = selectors.area_profile(
        area=area, year=_year(request), with_context=True, user=request.user
    )
    lang = get_language() or "nl"
    city_name = profile.city.name if profile.city else ""
    headlines = selectors.headline_ambitions(
        area=area, indicator_ids=[row.indicator.pk for row in profile.rows]
    )
    for row in profile.rows:
        name = row.indicator.display_name(lang)
        relative = row.indicator.is_relative
        # Counts of a wijk and a city do not share a scale: the city line, the comparison bars,
        # the index and the rank only for rates, shares and scores (the unit decides).
        city_line = row.city_series if relative else []
        row.sparkline = charts.sparkline(row.series, city_line, label=name)  # type: ignore[attr-defined]
        row.bars = (  # type: ignore[attr-defined]
            charts.comparison_bars(
                [
                    (area.name[:14], row.value),
                    (city_name[:14], row.city_value),
                    (str(_("Netherlands")), row.national_value),
                ],
                unit=row.indicator.unit,
                label=name,
            )
            if relative
            else ""
        )
        row.relative = relative  # type: ignore[attr-defined]
        row.label = name  # type: ignore[attr-defined]
        row.headline = headlines.get(row.indicator.pk, [])  # type: ignore[attr-defined]
    # Headline indicators of the programme's ambitions first, in the ambitions' order.
    profile.rows.sort(
        key=lambda r: (
            not r.headline,  # type: ignore[attr-defined]
            r.headline[0].number if r.headline else 0,  # type: ignore[attr-defined]
        )
    )
    children = Area.objects.filter(parent=area).order_by("code")
    shown = [row.indicator for row in profile.rows if row.value is not None]
    mapped = chosen_indicator(request, shown)
    periods = {row.indicator.pk: row.period for row in profile.rows}
    return render(
        request,
        "indicators/profile.html",
        {
            "area": area,
            "profile": profile,
            "children": children,
            "programmes": Programme.objects.filter(area=area),
            **map_context(
                request,
                indicator=mapped,
                within=municipality_of(area),
                outline=area,
                year=periods.get(mapped.pk) if mapped else None,
                choices=[(i.code, i.display_name(lang)) for i in shown],
            ),
        },
    )


def ambition_scorecard(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        programme = programme_get(slug=slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    cards = selectors.ambition_scorecard(programme=programme, year=_year(request))
    lang = get_language() or "nl"
    for card in cards:
        for item in card["items"]:
            row = item["row"]
            item["label"] = item["indicator"].display_name(lang)
            if row is not None:
                item["bars"] = charts.comparison_bars(
                    [
                        (programme.area.name[:14], row.value),
                        (programme.municipality.name[:14], row.city_value),
                    ],
                    unit=row.indicator.unit,
                    label=item["label"],
                )
                item["sparkline"] = charts.sparkline(
                    row.series, row.city_series, label=item["label"]
                )
    shown = [
        item["indicator"] for card in cards for item in card["items"] if item["row"] is not None
    ]
    shown = list(dict.fromkeys(shown))
    mapped = chosen_indicator(request, shown)
    return render(
        request,
        "indicators/scorecard.html",
        {
            "programme": programme,
            "cards": cards,
            **map_context(
                request,
                indicator=mapped,
                within=programme.municipality,
                outline=programme.area,
                year=_year(request),
                choices=[(i.code, i.display_name(lang)) for i in shown],
            ),
        },
    )


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        indicator = selectors.indicator_get(code=code, user=request.user)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    programme = programme_list().first()
    municipality = programme.municipality if programme else None
    overview = selectors.indicator_overview(
        indicator=indicator, municipality=municipality, year=_year(request)
    )
    # The Netherlands and the city up front, then the wijken and the buurten.
    levels = list(AreaLevel.values)
    overview["rows"].sort(
        key=lambda o: (levels.index(o.area.level) if o.area.level in levels else 99, o.area.code)
    )
    tilemap: Any = ""
    context = map_context(
        request,
        indicator=indicator,
        within=municipality,
        outline=programme.area if programme else None,
        year=overview["year"],
    )
    if programme is not None and context["map"] is None:  # no boundaries known: the tile map
        by_area = {o.area_id: o.value for o in overview["rows"]}
        buurten = Area.objects.filter(
            parent=programme.area, level=AreaLevel.NEIGHBOURHOOD
        ).order_by("code")
        tiles = [(b.code, b.name, by_area.get(b.pk)) for b in buurten]
        tilemap = charts.tile_map(
            tiles,
            unit=indicator.unit,
            label=f"{indicator.display_name(get_language())} {overview['year']}",
            link="/indicators/gebied/CODE/",
        )
    return render(
        request,
        "indicators/detail.html",
        {
            "indicator": indicator,
            "overview": overview,
            "tilemap": tilemap,
            "programme": programme,
            "name": indicator.display_name(get_language()),
            **context,
        },
    )


def indicator_import(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not selectors.user_may_import(user=request.user):
        raise PermissionDenied
    report = None
    errors: list[dict[str, Any]] = []
    message = ""
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = services.indicators_import(
                    user=request.user,
                    stream=upload.file,
                    file_name=upload.name,
                    fmt=form.cleaned_data["format"],
                    year=form.cleaned_data["year"],
                    source=form.cleaned_data["source"] or "",
                    dry_run=form.cleaned_data["dry_run"],
                )
            except InvalidInput as exc:
                errors, message = exc.errors, exc.message
    else:
        form = ImportForm()
    return render(
        request,
        "indicators/import.html",
        {
            "form": form,
            "report": report,
            "errors": errors,
            "message": message,
            "runs": selectors.import_run_list(),
        },
        status=400 if errors else 200,
    )


# --- kenniskring interpretations and targets: the programme team's pages ------------------


def _form_response(
    request: HttpRequest, template: str, form: Any, status: int, **context: Any
) -> HttpResponse:
    return render(request, template, {"form": form, **context}, status=status)


def _stale_on_form(form: Any, exc: Conflict, version: int) -> None:
    """What changed meanwhile goes onto the fields; the form now carries the current version."""
    form_add_domain_errors(form, exc)
    data = form.data.copy()
    data["version"] = str(version)
    form.data = data


@page_errors
def interpretation_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    return render(
        request,
        "indicators/interpretation_list.html",
        {
            "programme": programme,
            "interpretations": selectors.interpretation_list(programme=programme),
            "can_edit": selectors.user_may_edit_interpretations(
                user=request.user, programme=programme
            ),
        },
    )


@login_required
@page_errors
def interpretation_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    if not selectors.user_may_edit_interpretations(user=request.user, programme=programme):
        raise Forbidden(_("You need the editor role in this programme."))
    form = InterpretationForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.interpretation_create(
                programme=programme, by=request.user, **form.cleaned_data
            )
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
        else:
            messages.success(request, _("The interpretation has been saved."))
            return redirect("indicators:interpretations", programme.slug)
    return _form_response(
        request,
        "indicators/interpretation_form.html",
        form,
        400 if form.errors else 200,
        programme=programme,
        interpretation=None,
    )


@login_required
@page_errors
def interpretation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    interpretation = selectors.interpretation_get(pk=pk)
    programme = interpretation.programme
    if not selectors.user_may_edit_interpretations(user=request.user, programme=programme):
        raise Forbidden(_("You need the editor role in this programme."))
    form = InterpretationForm(
        request.POST or None, programme=programme, interpretation=interpretation
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.interpretation_update(
                interpretation=interpretation, version=version, by=request.user, **data
            )
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
            status = 400
        except Conflict as exc:
            _stale_on_form(form, exc, selectors.interpretation_get(pk=pk).version)
            status = 409
        else:
            messages.success(request, _("The interpretation has been saved."))
            return redirect("indicators:interpretations", programme.slug)
    elif form.errors:
        status = 400
    return _form_response(
        request,
        "indicators/interpretation_form.html",
        form,
        status,
        programme=programme,
        interpretation=interpretation,
        history=selectors.interpretation_history(interpretation=interpretation),
    )


@page_errors
def target_list(request: HttpRequest, slug: str) -> HttpResponse:
    """A programme's targets per indicator, area and year; coordinators add and change them."""
    programme = programme_get(slug=slug)
    can_edit = selectors.user_may_set_targets(user=request.user, programme=programme)
    form = None
    status = 200
    if can_edit:
        form = TargetForm(request.POST or None, programme=programme)
        if request.method == "POST" and form.is_valid():
            try:
                services.target_create(programme=programme, by=request.user, **form.cleaned_data)
            except InvalidInput as exc:
                form_add_domain_errors(form, exc)
            else:
                messages.success(request, _("The target has been saved."))
                return redirect("indicators:targets", programme.slug)
        status = 400 if form.errors else 200
    elif request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Forbidden(_("You need the coordinator role in this programme."))
    return render(
        request,
        "indicators/targets.html",
        {
            "programme": programme,
            "targets": selectors.target_list(programme=programme),
            "form": form,
            "can_edit": can_edit,
        },
        status=status,
    )


@login_required
@page_errors
def target_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_get(slug=slug)
    if not selectors.user_may_set_targets(user=request.user, programme=programme):
        raise Forbidden(_("You need the coordinator role in this programme."))
    target = selectors.target_get(programme=programme, pk=pk)
    form = TargetForm(request.POST or None, programme=programme, target=target)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.target_update(programme=programme, target=target, by=request.user, **data)
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
            status = 400
        except Conflict as exc:
            _stale_on_form(form, exc, selectors.target_get(programme=programme, pk=pk).version)
            status = 409
        else:
            messages.success(request, _("The target has been saved."))
            return redirect("indicators:targets", programme.slug)
    elif form.errors:
        status = 400
    return _form_response(
        request,
        "indicators/target_form.html",
        form,
        status,
        programme=programme,
        target=target,
        history=selectors.target_history(target=target),
    )

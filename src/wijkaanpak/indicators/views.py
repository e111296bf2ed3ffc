from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.core.api_utils import bounded_int
from wijkaanpak.core.exceptions import InvalidInput, NotFound
from wijkaanpak.indicators import charts, selectors, services
from wijkaanpak.indicators.forms import ImportForm
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
    for row in profile.rows:
        name = row.indicator.display_name(lang)
        # Counts of a wijk and a city do not share a scale: the city line only for rates.
        city_line = row.city_series if row.indicator.unit != "count" else []
        row.sparkline = charts.sparkline(row.series, city_line, label=name)  # type: ignore[attr-defined]
        row.bars = charts.comparison_bars(  # type: ignore[attr-defined]
            [
                (area.name[:14], row.value),
                (city_name[:14], row.city_value),
                (str(_("Netherlands")), row.national_value),
            ],
            unit=row.indicator.unit,
            label=name,
        )
        row.label = name  # type: ignore[attr-defined]
    children = Area.objects.filter(parent=area).order_by("code")
    return render(
        request,
        "indicators/profile.html",
        {
            "area": area,
            "profile": profile,
            "children": children,
            "programmes": Programme.objects.filter(area=area),
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
    return render(request, "indicators/scorecard.html", {"programme": programme, "cards": cards})


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
    tilemap: Any = ""
    if programme is not None:
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

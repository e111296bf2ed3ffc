"""Area pages (public, like the area API): search by name or code, and an area with its
parents, children, division history and outline."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from wijkaanpak.areas import selectors
from wijkaanpak.areas.drawing import outline_svg
from wijkaanpak.core.exceptions import NotFound

RESULTS = 50


def area_search(request: HttpRequest) -> HttpResponse:
    term = (request.GET.get("q") or "").strip()[:200]
    results = list(selectors.area_list(search=term)[: RESULTS + 1]) if term else []
    return render(
        request,
        "areas/search.html",
        {"q": term, "results": results[:RESULTS], "more": len(results) > RESULTS},
    )


def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        area = selectors.area_get(code=code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    successors = selectors.area_successors(area=area)
    valid_from, valid_to = selectors.area_validity(area=area, successors=successors)
    # the areas of its latest division (a split buurt's successors, not the old buurt)
    children = list(selectors.area_children(code=area.code, year=area.division_year))
    child_level = children[0].level if children else None
    outlines = (
        [(a, g) for a, g, _y in selectors.area_boundaries(within=area.code, level=child_level)]
        if child_level
        else []
    )
    own = selectors.area_outline(area=area)
    drawing = outline_svg(
        outlines,
        focus=(area, own[0]) if own else None,
        title=_("Outline of %(name)s and the areas within it") % {"name": area.name},
    )
    return render(
        request,
        "areas/detail.html",
        {
            "area": area,
            "ancestors": selectors.area_ancestors(area=area),
            "children": children,
            "successors": successors,
            "predecessors": selectors.area_predecessors(area=area),
            "valid_from": valid_from,
            "valid_to": valid_to,
            "drawing": drawing,
            "outline_year": own[1] if own else None,
            "outline_source": own[2] if own else "",
        },
    )

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.opportunities import selectors


def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        opportunity = selectors.opportunity_get(pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(
        request,
        "opportunities/detail.html",
        {
            "opportunity": opportunity,
            "measures": selectors.measure_summaries(opportunity=opportunity),
            "funnel": selectors.funnel_steps(opportunity=opportunity),
        },
    )

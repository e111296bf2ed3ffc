from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from wijkaanpak.core.views import page_errors
from wijkaanpak.programmes import selectors
from wijkaanpak.programmes.forms import ActiveOnForm


def programme_index(request: HttpRequest) -> HttpResponse:
    programmes = list(selectors.programme_list())
    if len(programmes) == 1:
        return redirect("programmes:detail", slug=programmes[0].slug)
    return render(request, "programmes/index.html", {"programmes": programmes})


@page_errors
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.programme_get(slug=slug)
    form = ActiveOnForm(request.GET if "op" in request.GET else None)
    active_on = None
    if form.is_bound:
        if not form.is_valid():
            return render(
                request,
                "programmes/detail.html",
                {"programme": programme, "form": form, "overview": None},
                status=400,
            )
        active_on = form.cleaned_data["op"]
    overview = selectors.programme_overview(programme=programme, active_on=active_on)
    return render(
        request,
        "programmes/detail.html",
        {"programme": programme, "form": form, "overview": overview},
    )


@page_errors
def programme_long_running(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.programme_get(slug=slug)
    return render(
        request,
        "programmes/long_running.html",
        {"programme": programme, "items": selectors.long_running_list(programme=programme)},
    )

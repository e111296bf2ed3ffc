from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.programmes import selectors


def programme_index(request: HttpRequest) -> HttpResponse:
    programmes = list(selectors.programme_list())
    if len(programmes) == 1:
        return redirect("programmes:detail", slug=programmes[0].slug)
    return render(request, "programmes/index.html", {"programmes": programmes})


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        programme = selectors.programme_get(slug=slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    ambitions = selectors.ambition_list(programme=programme)
    return render(
        request, "programmes/detail.html", {"programme": programme, "ambitions": ambitions}
    )

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from wijkaanpak.programmes import selectors


def programme_index(request: HttpRequest) -> HttpResponse:
    programmes = list(selectors.programme_list())
    if len(programmes) == 1:
        return redirect("opportunities:programme", slug=programmes[0].slug)
    return render(request, "programmes/index.html", {"programmes": programmes})

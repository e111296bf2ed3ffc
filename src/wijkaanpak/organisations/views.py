from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wijkaanpak.core.views import page_errors
from wijkaanpak.organisations import selectors
from wijkaanpak.organisations.models import OrganisationType


def organisation_list(request: HttpRequest) -> HttpResponse:
    type_filter = request.GET.get("type") or None
    if type_filter not in OrganisationType.values:
        type_filter = None
    programme = (request.GET.get("programme") or "").strip()[:200] or None
    return render(
        request,
        "organisations/list.html",
        {
            "organisations": selectors.organisation_list(type=type_filter, programme=programme),
            "types": OrganisationType.choices,
            "type_filter": type_filter,
            "programme_filter": programme,
        },
    )


@page_errors
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get(slug=slug)
    people = (
        selectors.organisation_people(organisation=organisation)
        if request.user.is_authenticated
        else None
    )
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "roles": selectors.organisation_coalition_roles(organisation=organisation),
            "people": people,
        },
    )

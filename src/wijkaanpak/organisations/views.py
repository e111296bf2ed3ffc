from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.organisations import selectors
from wijkaanpak.organisations.models import OrganisationType


def organisation_list(request: HttpRequest) -> HttpResponse:
    type_filter = request.GET.get("type") or None
    if type_filter not in OrganisationType.values:
        type_filter = None
    return render(
        request,
        "organisations/list.html",
        {
            "organisations": selectors.organisation_list(type=type_filter),
            "types": OrganisationType.choices,
            "type_filter": type_filter,
        },
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        organisation = selectors.organisation_get(slug=slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    roles = organisation.coalition_roles.select_related("opportunity__programme").order_by(
        "opportunity__title"
    )
    return render(
        request, "organisations/detail.html", {"organisation": organisation, "roles": roles}
    )

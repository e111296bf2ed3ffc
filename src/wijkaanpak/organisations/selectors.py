"""Reads of organisations. The directory of partner organisations is public."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.organisations.models import Organisation


def organisation_list(
    *, type: str | None = None, programme: str | None = None
) -> QuerySet[Organisation]:
    """The directory, or with `programme` (a slug) the organisations in that programme's
    coalitions: the programme page's "partner organisations" count links here. Follows the
    coalition rows that opportunities attaches to an organisation (a plain filter)."""
    qs = Organisation.objects.annotate(opportunity_count=Count("coalition_roles")).order_by("name")
    if type:
        qs = qs.filter(type=type)
    if programme:
        qs = qs.filter(
            pk__in=Organisation.objects.filter(
                coalition_roles__opportunity__programme__slug=programme
            ).values("pk")
        )
    return qs


def organisation_get(*, slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise NotFound(f"No organisation '{slug}'")
    return organisation


def organisation_get_by_id(*, pk: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise NotFound(f"No organisation with id {pk}")
    return organisation


def organisation_coalition_roles(*, organisation: Organisation) -> QuerySet[Any]:
    """The kansen and long-running work the organisation takes part in, with its role."""
    return organisation.coalition_roles.select_related("opportunity__programme").order_by(
        "opportunity__programme__name", "opportunity__kind", "opportunity__title"
    )


def organisation_people(*, organisation: Organisation) -> QuerySet[Any]:
    """The active users who belong to an organisation, with their job titles (shown to
    logged-in users only). Follows the memberships that accounts attaches to an organisation."""
    return (
        organisation.memberships.filter(user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )

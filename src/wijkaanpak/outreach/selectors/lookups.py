"""Reference look-ups for input: the objects an API payload or a form names by id or code.

They answer None (or fewer objects) for what does not exist; the caller says which field was
wrong. What the caller may see is checked by the other selectors (campaign_get, household_get).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from wijkaanpak.organisations.models import Organisation
from wijkaanpak.outreach.models import Address, Campaign, Theme
from wijkaanpak.outreach.selectors.scope import user_may_coach


def address_find(*, campaign: Campaign, pk: int) -> Address | None:
    """The campaign's address with this id."""
    return Address.objects.filter(pk=pk, campaign=campaign).first()


def address_list(*, campaign: Campaign) -> QuerySet[Address]:
    """The campaign's target list in street order."""
    return Address.objects.filter(campaign=campaign).order_by("street", "house_number", "addition")


def organisation_find(*, pk: int) -> Organisation | None:
    return Organisation.objects.filter(pk=pk).first()


def organisations_find(*, ids: Iterable[int]) -> list[Organisation]:
    """The organisations with these ids (fewer than asked when some do not exist)."""
    return list(Organisation.objects.filter(pk__in=list(ids)))


def theme_find(*, code: str) -> Theme | None:
    return Theme.objects.filter(code=code).first()


def themes_find(*, codes: Iterable[str]) -> list[Theme]:
    """The themes with these codes (fewer than asked when some do not exist)."""
    return list(Theme.objects.filter(code__in=list(codes)))


def coach_find(*, campaign: Campaign, username: str) -> Any:
    """The account with this username if it may coach in this campaign (user_may_coach), else
    None: an unknown and an ineligible username are answered alike, so that the answer does
    not tell which usernames exist."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None or not user_may_coach(user=user, campaign=campaign):
        return None
    return user


def active_user_by_username(*, username: str) -> Any:
    """The active account with this username, or None (for the coordinator's team page)."""
    return get_user_model().objects.filter(username=username.strip(), is_active=True).first()

"""Reference look-ups for input: the objects an API payload or a form names by id or code.

They answer None (or fewer objects) for what does not exist; the caller says which field was
wrong. What the caller may see is checked by the other selectors (campaign_get, household_get).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from wijkaanpak.organisations.models import Organisation
from wijkaanpak.outreach.models import Address, Campaign, Household, Street, Theme
from wijkaanpak.outreach.selectors.scope import user_may_coach


def address_find(*, campaign: Campaign, pk: int) -> Address | None:
    """The campaign's address with this id."""
    return Address.objects.filter(pk=pk, campaign=campaign).first()


def address_list(*, campaign: Campaign) -> QuerySet[Address]:
    """The campaign's target list in street order."""
    return Address.objects.filter(campaign=campaign).order_by("street", "house_number", "addition")


#: Addresses a search shows at most: enough to pick from on a phone.
ADDRESS_SEARCH_LIMIT = 15
_POSTCODE = re.compile(r"(\d{4})\s*([a-z]{2})(?![a-z])")
_NUMBER = re.compile(r"^(\d{1,6})-?([a-z0-9]{0,4})$")


def address_query(q: str) -> dict[str, str]:
    """What someone typed, as parts of an address: "gagel 12a", "Gageldreef 12-A",
    "3563 ab 12", "12 gageldreef". Any word that is no number or postcode is part of the street.
    """
    text = q.lower().replace(",", " ").strip()
    text = re.sub(r"([a-z\u00c0-\u024f])(\d)", r"\1 \2", text)  # "gageldreef12" -> "gageldreef 12"
    parts: dict[str, str] = {}
    postcode = _POSTCODE.search(text)
    if postcode:
        parts["postcode"] = (postcode.group(1) + postcode.group(2)).upper()
        text = text[: postcode.start()] + " " + text[postcode.end() :]
    words = []
    tokens = text.split()
    for i, token in enumerate(tokens):
        number = _NUMBER.match(token)
        if number and "house_number" not in parts:
            parts["house_number"] = number.group(1)
            addition = number.group(2)
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if not addition and len(nxt) == 1 and nxt.isalpha():
                addition = nxt  # "12 a"
            if addition:
                parts["addition"] = addition.upper()
        elif not (
            len(token) == 1
            and "house_number" in parts
            and token == parts.get("addition", "").lower()
        ):
            words.append(token)
    if words:
        parts["street"] = " ".join(words)
    return parts


def address_search(*, campaign: Campaign, q: str) -> list[Address]:
    """The campaign's addresses that match what was typed (street, number, addition,
    postcode; case and spacing do not matter), at most ADDRESS_SEARCH_LIMIT, in street order.
    Nothing for an empty search: the list is never loaded whole."""
    parts = address_query(q)
    if not parts:
        return []
    qs = Address.objects.filter(campaign=campaign)
    if "house_number" in parts:
        qs = qs.filter(house_number=int(parts["house_number"]))
    if "addition" in parts:
        qs = qs.filter(addition__iexact=parts["addition"])
    if "postcode" in parts:
        qs = qs.filter(postcode=parts["postcode"])
    order = ("street", "house_number", "addition")
    words = parts.get("street", "").split()
    if not words:
        return list(qs.order_by(*order)[:ADDRESS_SEARCH_LIMIT])
    # The area's known streets (address lists may only name those) that match what was typed;
    # a scan of the campaign's addresses only when no known street matches.
    known = Street.objects.filter(area_id=campaign.area_id)
    for word in words:
        known = known.filter(name__icontains=word)
    names = sorted(known.values_list("name", flat=True)[:50])
    if not names:
        for word in words:
            qs = qs.filter(street__icontains=word)
        return list(qs.order_by(*order)[:ADDRESS_SEARCH_LIMIT])
    if len(parts) > 1:  # a number or postcode too: its index finds the few candidates
        return list(qs.filter(street__in=names).order_by(*order)[:ADDRESS_SEARCH_LIMIT])
    # A street alone: street by street in order, each a range of the (campaign, street,
    # number) index, until the page is full (usually the first street fills it).
    found: list[Address] = []
    for name in names:
        rest = ADDRESS_SEARCH_LIMIT - len(found)
        found += list(qs.filter(street=name).order_by(*order)[:rest])
        if len(found) >= ADDRESS_SEARCH_LIMIT:
            break
    return found


def sharing_organisations(*, campaign: Campaign) -> list[Organisation]:
    """The organisations a household of this campaign can consent to share with: those that
    receive referrals (they have people in the application) or that households of the
    campaign already share with."""
    from django.db.models import Q

    shared = Household.share_with.through.objects.filter(household__campaign=campaign)
    return list(
        Organisation.objects.filter(
            Q(memberships__isnull=False) | Q(pk__in=shared.values("organisation_id"))
        )
        .distinct()
        .order_by("name")
    )


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

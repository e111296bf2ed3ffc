"""The API's referral list (selectors.referral_page, plain SQL) against the queryset the pages
use (referral_list().values(*REFERRAL_ROW)): same rows, same role flags, same totals, for every role
and filter (docs/adr/0006). And the answer, returned without django-ninja's validation, still
matches the ReferralList schema the OpenAPI document declares."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

from wijkaanpak.accounts.services import organisation_membership_add
from wijkaanpak.outreach import selectors, services
from wijkaanpak.outreach.api.referrals import ReferralList
from wijkaanpak.outreach.models import AuditLogEntry, Referral, ReferralState

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(world: Any) -> Any:
    """More referrals in several states, one overdue to accept and one to contact, one for the
    coached household, and a partner user who is also a worker on the campaign."""
    w = world
    worker = w.users["worker"]
    for household, organisation, theme in [
        (w.households[0], w.mitros, "wonen"),  # coached household
        (w.households[1], w.dock, "welzijn"),
        (w.households[3], w.mitros, "werk"),
    ]:
        services.referral_create(
            household=household,
            organisation=organisation,
            theme=w.themes[theme],
            by=worker,
            send=True,
        )
    services.referral_create(
        household=w.households[3], organisation=w.dock, theme=w.themes["wonen"], by=worker
    )
    accepted = services.referral_transition(
        referral=w.referral_mitros, to=ReferralState.ACCEPTED, by=w.users["mitros"]
    )
    long_ago = timezone.localdate() - dt.timedelta(days=30)
    Referral.objects.filter(pk=accepted.pk).update(first_contact_due=long_ago)
    Referral.objects.filter(pk=w.referral_dock.pk).update(accept_due=long_ago)
    organisation_membership_add(user=worker, organisation=w.dock)
    return w


FILTERS: list[dict[str, Any]] = [
    {},
    {"state": "sent"},
    {"state": "accepted"},
    {"state": ""},
    {"overdue": True},
    {"overdue": False},
    {"limit": 2},
    {"limit": 2, "offset": 2},
    {"offset": 100},
]


def _queryset_rows(user: Any, **f: Any) -> tuple[int, list[dict[str, Any]]]:
    limit, offset = f.pop("limit", 50), f.pop("offset", 0)
    qs = selectors.referral_list(user=user, **f)
    rows = list(qs.values(*selectors.REFERRAL_ROW)[offset : offset + limit])
    for row in rows:
        row["is_partner"], row["is_worker"] = bool(row["is_partner"]), bool(row["is_worker"])
    return qs.count(), rows


def test_referral_page_equals_the_queryset_for_every_role_and_filter(busy: Any) -> None:
    w = busy
    extra = [
        {"theme": w.themes["wonen"].pk},
        {"organisation": w.mitros.pk},
        {"campaign": w.other_campaign.pk},
        {"campaign": w.campaign.pk, "state": "sent", "overdue": True},
    ]
    seen_some = 0
    for (name, user), f in itertools.product(w.users.items(), FILTERS + extra):
        count, expected = _queryset_rows(user, **f)
        page = selectors.referral_page(user=user, source="/test", **f)
        assert page.count == count, (name, f)
        assert page.items == expected, (name, f)
        seen_some += bool(expected)
    assert seen_some > 20  # the comparison saw rows, not only empty lists
    # Each role sees what it should (so equality above is not two equally wrong answers).
    ids = {
        name: {r["id"] for r in selectors.referral_page(user=u, source="/t").items}
        for name, u in w.users.items()
    }
    assert ids["outsider"] == ids["coordinator"] == ids["privacy"] == set()
    assert ids["mitros"] == set(
        Referral.objects.filter(organisation=w.mitros).values_list("id", flat=True)
    )
    assert ids["backoffice"] == set(Referral.objects.values_list("id", flat=True))
    assert ids["coach"] == set(
        Referral.objects.filter(household=w.households[0]).values_list("id", flat=True)
    )


def test_referral_page_audits_personal_rows_only(busy: Any) -> None:
    w = busy
    before = AuditLogEntry.objects.count()
    page = selectors.referral_page(user=w.users["backoffice"], source="/t")
    assert page.items and AuditLogEntry.objects.count() == before  # states only
    page = selectors.referral_page(user=w.users["mitros"], source="/api/x")
    logged = set(
        AuditLogEntry.objects.filter(username="mitros", source="/api/x").values_list(
            "record_id", flat=True
        )
    )
    assert logged == {r["id"] for r in page.items} and logged


def test_referral_list_matches_its_schema(busy: Any, api: Any) -> None:
    for name in ("worker", "mitros", "backoffice", "coach"):
        response = api(busy.users[name]).get("/outreach/referrals/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        body = response.json()
        parsed = ReferralList.model_validate(body)
        assert parsed.count == body["count"] and len(parsed.items) == len(body["items"]) > 0
        first = body["items"][0]
        assert first["created_at"].endswith("Z")
        assert isinstance(first["theme"], dict) and set(first["theme"]) == {"id", "name"}
    # Overdue flags as the issue asks: listed for the worker.
    overdue = api(busy.users["worker"]).get("/outreach/referrals/", overdue="true").json()
    assert overdue["count"] == 2 and all(item["overdue"] for item in overdue["items"])

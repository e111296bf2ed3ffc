"""The authorisation matrix: every outreach endpoint for every role.

Lists answer 200 with only what the role may see (the count is checked); single objects
answer 404 to whoever may not see them; writes answer 403 to a role that sees but may not act.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wijkaanpak.outreach import services

ROLES = [
    "worker",
    "coach",
    "mitros",
    "dock",
    "backoffice",
    "privacy",
    "coordinator",
    "otherworker",
    "outsider",
]

# list endpoint → expected count per role (anything not named: 0)
LISTS: dict[str, dict[str, int]] = {
    "/outreach/campaigns/": {
        "worker": 1,
        "coach": 1,
        "backoffice": 2,
        "privacy": 2,
        "coordinator": 2,
        "otherworker": 1,
    },
    "/outreach/households/": {"worker": 4, "coach": 1, "otherworker": 1},
    "/outreach/visits/": {"worker": 2, "coach": 1, "otherworker": 0},
    "/outreach/conversations/": {"worker": 1, "coach": 1},
    "/outreach/referrals/": {"worker": 2, "mitros": 1, "dock": 1, "backoffice": 2},
    "/outreach/escalations/": {"worker": 1, "backoffice": 1},
    "/outreach/commitments/": {"worker": 1, "coach": 1},
}


@pytest.fixture
def activity(world: Any) -> Any:
    w = world
    worker = w.users["worker"]
    visit = services.visit_record(
        campaign=w.campaign,
        address=w.addresses[0],
        household=w.households[0],
        date=dt.date(2026, 3, 1),
        outcome="interviewed",
        by=worker,
    )
    services.visit_record(
        campaign=w.campaign,
        address=w.addresses[5],
        date=dt.date(2026, 3, 1),
        outcome="not_at_home",
        by=worker,
    )
    services.conversation_record(
        household=w.households[0],
        date=dt.date(2026, 3, 1),
        answers={"veilig": "yes"},
        visit=visit,
        by=worker,
    )
    services.commitment_create(
        household=w.households[0],
        theme=w.themes["wonen"],
        description="portiek schoonmaken",
        organisation=w.mitros,
        by=worker,
    )
    commitment = w.households[0].commitments.get()
    escalation = services.escalation_create(
        campaign=w.campaign,
        household=w.households[0],
        category="housing",
        needed="urgentie",
        by=worker,
    )
    return {"escalation": escalation, "commitment": commitment}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", list(LISTS))
def test_lists_show_each_role_only_its_records(world, activity, api, role, path):
    # Programme members see every campaign of the programme (for its aggregates); workers and
    # coaches only the campaigns they work in.
    expected = LISTS[path].get(role, 0)
    response = api(world.users[role]).get(path)
    assert response.status_code == 200, response.content
    assert response.json()["count"] == expected, (role, path, response.json())


def _detail_paths(w: Any, a: Any) -> dict[str, set[str]]:
    """path → roles that get 200 (all others 404)."""
    hh = w.households[0].pk
    return {
        f"/outreach/campaigns/{w.campaign.pk}/": {
            "worker",
            "coach",
            "backoffice",
            "privacy",
            "coordinator",
        },
        f"/outreach/campaigns/{w.campaign.pk}/funnel/": {
            "worker",
            "coach",
            "backoffice",
            "privacy",
            "coordinator",
        },
        f"/outreach/campaigns/{w.campaign.pk}/xlsform/": {
            "worker",
            "coach",
            "backoffice",
            "privacy",
            "coordinator",
        },
        f"/outreach/households/{hh}/": {"worker", "coach"},
        f"/outreach/households/{w.other_household.pk}/": {"otherworker"},
        f"/outreach/households/{hh}/export/": {"privacy"},
        f"/outreach/referrals/{w.referral_mitros.pk}/": {"worker", "mitros", "backoffice"},
        f"/outreach/referrals/{w.referral_dock.pk}/": {"worker", "dock", "backoffice"},
        f"/outreach/referrals/{w.referral_mitros.pk}/history/": {"worker", "mitros", "backoffice"},
        "/outreach/audit-log/": {"privacy"},
    }


@pytest.mark.parametrize("role", ROLES)
def test_details_are_404_for_whoever_may_not_see_them(world, activity, api, role):
    for path, allowed in _detail_paths(world, activity).items():
        response = api(world.users[role]).get(path)
        expected = 200 if role in allowed else 404
        assert response.status_code == expected, (role, path, response.content[:200])


def test_anonymous_callers_get_401_everywhere(world, activity, api):
    paths = list(LISTS) + list(_detail_paths(world, activity))
    for path in paths:
        assert api().get(path).status_code == 401, path
    assert (
        api()
        .post(f"/outreach/referrals/{world.referral_mitros.pk}/transition/", {"to": "accepted"})
        .status_code
        == 401
    )


def _writes(w: Any, a: Any) -> list[tuple[str, Any, dict[str, int]]]:
    """(path, payload, expected status per role; default 404)."""
    c, hh = w.campaign.pk, w.households[3].pk
    campaign_seen_not_worker = {"backoffice": 403, "privacy": 403, "coordinator": 403}
    return [
        (
            "/outreach/households/",
            {"campaign": c, "address": w.addresses[4].pk, "display_name": "Nieuw"},
            {"worker": 201, "coach": 403, **campaign_seen_not_worker},
        ),
        (
            "/outreach/visits/",
            {"campaign": c, "address": w.addresses[5].pk, "date": "2026-03-02", "outcome": "moved"},
            {"worker": 201, "coach": 403, **campaign_seen_not_worker},
        ),
        (
            "/outreach/conversations/",
            {"household": w.households[0].pk, "date": "2026-03-02", "answers": {"veilig": "no"}},
            {"worker": 201, "coach": 201},
        ),
        (
            "/outreach/referrals/",
            {"household": hh, "organisation": w.mitros.pk, "theme": "wonen"},
            {"worker": 201},
        ),
        (
            "/outreach/escalations/",
            {"campaign": c, "category": "money", "needed": "geld"},
            {"worker": 201, "coach": 403, **campaign_seen_not_worker},
        ),
        (
            "/outreach/commitments/",
            {"household": w.households[0].pk, "theme": "wonen", "description": "afspraak"},
            {"worker": 201, "coach": 201},
        ),
        (
            f"/outreach/commitments/{a['commitment'].pk}/status/",
            {"status": "done", "version": a["commitment"].version},
            {"worker": 200, "coach": 200},
        ),
        (
            f"/outreach/escalations/{a['escalation'].pk}/resolve/",
            {"resolution": "opgelost"},
            {"worker": 403, "backoffice": 200},
        ),
        (
            f"/outreach/referrals/{w.referral_mitros.pk}/transition/",
            {"to": "accepted", "version": w.referral_mitros.version},
            {"worker": 403, "mitros": 200, "backoffice": 403},
        ),
        (f"/outreach/households/{w.households[1].pk}/erase/", {}, {"privacy": 204}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_writes_by_role(world, activity, api, role):
    for path, payload, expected in _writes(world, activity):
        response = api(world.users[role]).post(path, payload)
        assert response.status_code == expected.get(role, 404), (role, path, response.content[:300])


def test_partner_sees_only_the_consented_fields(world, api):
    item = api(world.users["mitros"]).get("/outreach/referrals/").json()["items"][0]
    assert item["organisation"] == {"id": world.mitros.pk, "name": "Mitros"}
    assert item["theme"]["name"] == "Wonen"
    assert item["state"] == "sent"
    assert set(item["shared_data"]) == {"display_name", "address"}
    assert item["household"] is None
    assert "06-00000000" not in str(item)


def test_back_office_sees_referral_states_without_personal_data(world, api):
    items = api(world.users["backoffice"]).get("/outreach/referrals/").json()["items"]
    assert {i["state"] for i in items} == {"sent"}
    assert all(i["shared_data"] is None and i["household"] is None for i in items)


def test_coordinator_sees_aggregates_not_individuals(world, api):
    client = api(world.users["coordinator"])
    assert client.get(f"/outreach/campaigns/{world.campaign.pk}/funnel/").status_code == 200
    assert client.get("/outreach/households/").json()["count"] == 0
    assert client.get(f"/outreach/households/{world.households[0].pk}/").status_code == 404

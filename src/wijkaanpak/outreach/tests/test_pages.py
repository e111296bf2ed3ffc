"""The pages apply the same visibility as the API, and audit their reads."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import otp_verify_session
from wijkaanpak.outreach.models import AuditLogEntry


def client_for(user):
    c = Client()
    c.force_login(user)
    otp_verify_session(c, user)  # roles that see personal data use two-factor authentication
    return c


def test_pages_by_role(world):
    w = world
    hh = w.households[0].pk
    pages = {
        "/outreach/": {
            "worker": 200,
            "coach": 200,
            "mitros": 200,
            "backoffice": 200,
            "privacy": 200,
            "coordinator": 200,
            "outsider": 200,
        },
        f"/outreach/campaigns/{w.campaign.pk}/": {
            "worker": 200,
            "coach": 200,
            "backoffice": 200,
            "privacy": 200,
            "coordinator": 200,
        },
        f"/outreach/campaigns/{w.campaign.pk}/visit/": {"worker": 200},
        f"/outreach/households/{hh}/": {"worker": 200, "coach": 200},
        "/outreach/audit/": {"privacy": 200},
        "/outreach/audit.csv": {"privacy": 200},
    }
    for path, allowed in pages.items():
        for role in (
            "worker",
            "coach",
            "mitros",
            "backoffice",
            "privacy",
            "coordinator",
            "outsider",
        ):
            response = client_for(w.users[role]).get(path)
            assert response.status_code == allowed.get(role, 404), (role, path)


def test_anonymous_visitors_are_sent_to_the_login_page(world):
    response = Client().get("/outreach/referrals/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_inbox_shows_a_partner_only_its_referrals_and_audits_them(world):
    html = client_for(world.users["mitros"]).get("/outreach/referrals/").content.decode()
    assert f'data-referral="{world.referral_mitros.pk}"' in html
    assert f'data-referral="{world.referral_dock.pk}"' not in html
    assert AuditLogEntry.objects.filter(
        username="mitros", record_id=world.referral_mitros.pk, source="/outreach/referrals/"
    ).exists()


def test_household_page_read_is_audited(world):
    hh = world.households[0]
    client_for(world.users["coach"]).get(f"/outreach/households/{hh.pk}/")
    assert AuditLogEntry.objects.filter(
        username="coach", action="read", record_type="household", record_id=hh.pk
    ).exists()


def test_audit_csv_export(world):
    response = client_for(world.users["privacy"]).get("/outreach/audit.csv")
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0] == "at,username,action,record_type,record_id,source,programme"
    assert ",worker,create,household," in body


@pytest.mark.parametrize("to", ["completed", "nonsense"])
def test_a_wrong_transition_in_the_inbox_is_a_message_not_an_error(world, to):
    c = client_for(world.users["mitros"])
    response = c.post(
        f"/outreach/referrals/{world.referral_mitros.pk}/transition/", {"to": to}, follow=True
    )
    assert response.status_code == 200
    world.referral_mitros.refresh_from_db()
    assert world.referral_mitros.state == "sent"


def test_back_office_resolves_an_escalation_on_its_page(world):
    from wijkaanpak.outreach import services

    e = services.escalation_create(
        campaign=world.campaign, category="rules", needed="regels", by=world.users["worker"]
    )
    c = client_for(world.users["backoffice"])
    c.post(f"/outreach/escalations/{e.pk}/resolve/", {"resolution": "uitzondering verleend"})
    e.refresh_from_db()
    assert e.resolution == "uitzondering verleend" and e.resolved_on is not None


def test_worker_refers_agrees_and_escalates_from_the_household_page(world):
    w = world
    hh = w.households[3]
    c = client_for(w.users["worker"])
    url = f"/outreach/households/{hh.pk}/act/"
    c.post(
        url,
        {
            "action": "referral",
            "organisation": w.dock.pk,
            "theme": w.themes["welzijn"].pk,
            "send": "1",
        },
    )
    assert hh.referrals.get().state == "sent"
    c.post(url, {"action": "commitment", "theme": w.themes["werk"].pk, "description": "cv"})
    assert hh.commitments.get().description == "cv"
    c.post(url, {"action": "escalation", "category": "money", "needed": "schuldhulp"})
    assert hh.escalations.get().category == "money"
    # a partner cannot act on a household it cannot see
    assert client_for(w.users["mitros"]).post(url, {"action": "commitment"}).status_code == 404


def test_household_page_shows_each_action_form_once_in_the_main_content(world):
    hh = world.households[3]
    html = client_for(world.users["worker"]).get(f"/outreach/households/{hh.pk}/").content.decode()
    for action in ("referral", "commitment", "escalation"):
        assert html.count(f'name="action" value="{action}"') == 1
    head, _, body = html.partition("<main")
    assert "<form" not in head.split("<body")[0]  # nothing but metadata in <head>
    assert 'value="referral"' in body

"""Assigning an escalation: the back office or a coordinator gives it to someone of the back
office, who is told in the app and by e-mail without the escalation's text; the page and the API
both do it; nobody else may."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from conftest import otp_verify_session
from wijkaanpak.accounts.models import User
from wijkaanpak.core.exceptions import Forbidden, InvalidInput
from wijkaanpak.jobs.worker import run_pending
from wijkaanpak.notifications.models import Notification
from wijkaanpak.outreach import services
from wijkaanpak.outreach.models import Escalation

pytestmark = pytest.mark.django_db

NEEDED = "Fam. Test1 aan de Nigerdreef heeft schuldhulp nodig"


@pytest.fixture
def second_back_office(world: Any) -> User:
    user = User.objects.create_user(
        "backoffice2", email="bo2@example.org", password="pw-backoffice2-123"
    )
    services.outreach_role_set(user=user, programme=world.campaign.programme, role="back_office")
    return user


def _escalation(world: Any) -> Escalation:
    return services.escalation_create(
        campaign=world.campaign, category="money", needed=NEEDED, by=world.users["worker"]
    )


def assigned(user: User) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, event="escalation.assigned"))


def test_the_back_office_assigns_and_the_assignee_is_told_without_personal_data(
    world: Any, second_back_office: User
) -> None:
    e = _escalation(world)
    mail.outbox.clear()
    services.escalation_assign(
        escalation=e, assignee=second_back_office, by=world.users["backoffice"]
    )
    e.refresh_from_db()
    assert e.assignee == second_back_office
    (notice,) = assigned(second_back_office)
    assert notice.subject == "Er is een knelpunt van Wonen en Kansen aan u toegewezen"
    assert notice.url.endswith(f"#escalation-{e.pk}")
    run_pending()
    (message,) = [
        m for m in mail.outbox if m.to == ["bo2@example.org"] and m.subject == notice.subject
    ]
    assert "Nigerdreef" not in message.body and "Test1" not in message.body
    # Assigning again to the same person tells nobody twice; to nobody tells nobody.
    services.escalation_assign(
        escalation=e, assignee=second_back_office, by=world.users["backoffice"]
    )
    services.escalation_assign(escalation=e, assignee=None, by=world.users["backoffice"])
    e.refresh_from_db()
    assert e.assignee is None
    assert len(assigned(second_back_office)) == 1
    # Taking it oneself: no notification to oneself.
    services.escalation_assign(
        escalation=e, assignee=world.users["backoffice"], by=world.users["backoffice"]
    )
    assert assigned(world.users["backoffice"]) == []


def test_a_coordinator_assigns_others_may_not(world: Any, second_back_office: User) -> None:
    e = _escalation(world)
    services.escalation_assign(
        escalation=e, assignee=second_back_office, by=world.users["coordinator"]
    )
    assert len(assigned(second_back_office)) == 1
    for name in ("worker", "mitros", "outsider"):
        with pytest.raises(Forbidden):
            services.escalation_assign(
                escalation=e, assignee=second_back_office, by=world.users[name]
            )
    # Only to the back office of the programme.
    with pytest.raises(InvalidInput):
        services.escalation_assign(
            escalation=e, assignee=world.users["worker"], by=world.users["backoffice"]
        )


def test_the_page_assigns(world: Any, second_back_office: User) -> None:
    e = _escalation(world)
    c = Client()
    c.force_login(world.users["backoffice"])
    otp_verify_session(c, world.users["backoffice"])
    html = c.get("/outreach/escalations/").content.decode()
    assert f'action="/outreach/escalations/{e.pk}/assign/"' in html
    assert f'<option value="{second_back_office.pk}">' in html
    assert "Toewijzen aan" in html
    response = c.post(f"/outreach/escalations/{e.pk}/assign/", {"assignee": second_back_office.pk})
    assert response.status_code == 302
    e.refresh_from_db()
    assert e.assignee == second_back_office
    page = c.get("/outreach/escalations/").content.decode()
    assert 'data-label="Toegewezen aan">backoffice2<' in page
    # Someone outside the back office cannot be chosen through a crafted form.
    c.post(f"/outreach/escalations/{e.pk}/assign/", {"assignee": world.users["worker"].pk})
    e.refresh_from_db()
    assert e.assignee == second_back_office


def test_the_api_assigns(world: Any, second_back_office: User, api: Any) -> None:
    e = _escalation(world)
    path = f"/outreach/escalations/{e.pk}/assign/"
    assert (
        api(world.users["worker"]).post(path, {"assignee": second_back_office.pk}).status_code
        == 403
    )
    bad = api(world.users["backoffice"]).post(path, {"assignee": world.users["worker"].pk})
    assert bad.status_code == 400
    ok = api(world.users["backoffice"]).post(path, {"assignee": second_back_office.pk})
    assert ok.status_code == 200, ok.content
    assert ok.json()["assignee"] == second_back_office.pk
    listed = api(world.users["backoffice"]).get("/outreach/escalations/").json()["items"]
    assert [i["assignee"] for i in listed if i["id"] == e.pk] == [second_back_office.pk]
    services.escalation_resolve(escalation=e, resolution="Geregeld", by=world.users["backoffice"])
    again = api(world.users["backoffice"]).post(path, {"assignee": None})
    assert again.status_code == 409

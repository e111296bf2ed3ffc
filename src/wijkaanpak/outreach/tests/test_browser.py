"""In the browser: a worker records a visit and conversation on a phone; a partner accepts."""

from __future__ import annotations

import pytest

from conftest import totp_code
from wijkaanpak.accounts.models import User
from wijkaanpak.outreach.models import Conversation, VisitAttempt

pytestmark = pytest.mark.browser


def _login(page, live_server, username):
    user = User.objects.get(username=username)
    totp_code(user)  # an enrolled authenticator, in case the role needs two-factor authentication
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}-123")
    with page.expect_navigation():
        page.click("button[type=submit], input[type=submit]")
    if "/accounts/2fa/verify/" in page.url:  # roles that see personal data: second factor
        page.fill("#id_token", totp_code(user))
        with page.expect_navigation():
            page.click("main button[type=submit]")


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def test_worker_records_a_visit_and_conversation_on_a_phone(
    transactional_db, live_server, world, phone, screenshot
):
    _login(phone, live_server, "worker")
    phone.goto(f"{live_server.url}/outreach/campaigns/{world.campaign.pk}/visit/")
    address = world.addresses[4]
    # The address is found by typing part of it (issue 15), not picked from a list of all.
    phone.fill("#q", "niger 5")
    with phone.expect_navigation():
        phone.click("main button[type=submit]")
    with phone.expect_navigation():
        phone.click(".app-pick")
    phone.check("input[name=outcome][value=interviewed]")
    phone.fill("#display_name", "Fam. Veld")
    phone.click("#conversation summary")
    phone.check(f"input[name=themes][value='{world.themes['wonen'].pk}']")
    phone.check("input[name=q_tevreden][value='4']")
    phone.check("input[name=q_veilig][value=yes]")
    phone.fill("textarea[name=q_opmerking]", "Meer groen graag")
    screenshot("filled")
    # Nothing sticks out sideways on a phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.click("button[type=submit].utrecht-button--primary-action")
    phone.wait_for_selector(".utrecht-alert--ok")
    visit = VisitAttempt.objects.get(address=address)
    assert visit.outcome == "interviewed" and visit.worker.username == "worker"
    conversation = Conversation.objects.get(visit=visit)
    # After saving, the worker is on the household's page (not on an empty form).
    assert phone.url.endswith(f"/outreach/households/{conversation.household_id}/")
    assert conversation.household.display_name == "Fam. Veld"
    assert {a.question.code: a.value for a in conversation.answers.all()} == {
        "tevreden": "4",
        "veilig": "yes",
        "opmerking": "Meer groen graag",
    }
    assert [t.code for t in conversation.themes.all()] == ["wonen"]


def test_partner_accepts_a_referral_and_records_first_contact(
    transactional_db, live_server, world, page, screenshot
):
    _login(page, live_server, "mitros")
    page.goto(live_server.url + "/outreach/referrals/")
    card = page.locator(f"[data-referral='{world.referral_mitros.pk}']")
    assert "Fam. Test1" in card.inner_text()
    assert page.locator(f"[data-referral='{world.referral_dock.pk}']").count() == 0
    card.locator("button[value=accepted]").click()
    page.wait_for_selector(".utrecht-alert--ok")
    screenshot("accepted")
    world.referral_mitros.refresh_from_db()
    assert world.referral_mitros.state == "accepted"
    assert world.referral_mitros.transitions.last().by.username == "mitros"
    # The warm handover continues: the partner records the first contact with the household.
    card = page.locator(f"[data-referral='{world.referral_mitros.pk}']")
    with page.expect_navigation():
        card.locator("button[value=first_contact]").click()
    page.wait_for_selector(".utrecht-alert--ok")
    screenshot("first-contact")
    world.referral_mitros.refresh_from_db()
    assert world.referral_mitros.state == "first_contact"


def test_coordinator_sees_the_suppressed_funnel(transactional_db, live_server, world, page):
    _login(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/outreach/campaigns/{world.campaign.pk}/")
    assert page.locator("[data-step=addresses]").inner_text() == "6"
    assert page.locator("[data-step=reached]").inner_text() == "<5"

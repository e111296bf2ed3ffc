"""In the browser, at phone and desktop width: the referral page shows the due dates of the
service level in Dutch, for the receiving organisation and for the outreach worker."""

from __future__ import annotations

from typing import Any

import pytest

from wijkaanpak.core.workdays import add_working_days
from wijkaanpak.outreach.models import Referral
from wijkaanpak.outreach.tests.test_browser import _login

pytestmark = pytest.mark.browser

MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("username", ["mitros", "worker"])
def test_referral_page_shows_due_dates(
    transactional_db: Any,
    live_server: Any,
    world: Any,
    page: Any,
    screenshot: Any,
    username: str,
    width: int,
) -> None:
    referral = Referral.objects.get(pk=world.referral_mitros.pk)
    assert referral.sent_at is not None and referral.accept_due is not None
    assert referral.accept_due == add_working_days(referral.sent_at.date(), 5)
    page.set_viewport_size({"width": width, "height": 900})
    page.set_extra_http_headers({"Accept-Language": "nl-NL,nl"})
    _login(page, live_server, username)
    page.goto(live_server.url + "/outreach/referrals/")
    card = page.locator(f"#referral-{referral.pk}")
    text = card.inner_text()
    month = MONTHS.split()[referral.accept_due.month - 1]
    assert f"Accepteren vóór {referral.accept_due.day} {month} {referral.accept_due.year}" in text
    assert "werkdagen" in page.locator("main").inner_text()
    # Nothing wider than the screen on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(f"{username}-{width}")

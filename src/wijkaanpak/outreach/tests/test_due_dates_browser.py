"""In the browser, at phone and desktop width: the referral page shows the due dates of the
service level in Dutch, for the receiving organisation and for the outreach worker."""

from __future__ import annotations

from typing import Any

import pytest

from wijkaanpak.accounts.models import User
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


@pytest.mark.parametrize("username", ["mitros", "veldwerker"])
def test_demo_referral_page_at_phone_and_desktop_width(
    transactional_db: Any, live_server: Any, page: Any, screenshot: Any, username: str
) -> None:
    """The demo's `mitros` and `veldwerker` on the referral page: Dutch due dates, no overflow."""
    from tests.demo_db import demo_restore

    demo_restore()
    user = User.objects.get(username=username)
    user.set_password(f"pw-{username}-123")
    user.save(update_fields=["password"])
    page.set_extra_http_headers({"Accept-Language": "nl-NL,nl"})
    _login(page, live_server, username)
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/outreach/referrals/")
        main = page.locator("main").inner_text()
        assert "Accepteren vóór" in main or "Eerste contact vóór" in main
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        path = screenshot(f"{username}-{width}")
        page.screenshot(path=str(path).replace(".png", "-top.png"))  # the first screen only

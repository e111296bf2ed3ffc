"""The audit log page with its programme column, as the privacy officer (screenshots at 390 and
1366 px); the session is the test client's, with two-factor authentication passed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import otp_verify_session

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "nl-NL"}


def test_the_privacy_officer_reads_the_audit_log(
    transactional_db: Any, world: Any, live_server: Any, page: Any, screenshot: Any, api: Any
) -> None:
    assert api(world.users["worker"]).get("/outreach/households/").status_code == 200
    client = Client()
    client.force_login(world.users["privacy"])
    otp_verify_session(client, world.users["privacy"])
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/outreach/audit/")
    assert page.get_by_role("columnheader", name="Programma").is_visible()
    assert page.get_by_role("cell", name="Samen voor Overvecht").first.is_visible()
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(f"audit-log-{width}")

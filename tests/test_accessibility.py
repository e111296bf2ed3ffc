"""Accessibility: axe-core (vendored, tests/vendor/axe-core) in headless Chromium over every page
that the authorisation policy says renders, as a visitor and as a logged-in coordinator; zero
serious or critical violations. And keyboard-only use of the main forms.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests import policy
from tests.test_authorisation_matrix import _fill, url_patterns
from tests.world import World, build_world

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Not checked: the machine-readable OpenAPI document, and the interactive API docs, which are
# Swagger UI as shipped by django-ninja (third-party developer tool; its colour contrast fails),
# and the audit log's CSV download.
NOT_CHECKED = {"api:openapi-json", "api:openapi-view", "outreach:audit_csv"}
# Not pages: the calendar feeds (text/calendar, which a browser downloads) and a story's photo.
NOT_CHECKED |= {"participation:feed", "participation:feed_private", "participation:story_image"}
# Nor the residents' photos (image/jpeg, shown only to who may see them).
NOT_CHECKED |= {"residents:signal_photo", "residents:application_photo"}


def pages_for(persona: str, world: World) -> list[str]:
    routes = url_patterns()
    urls = []
    for key, cases in sorted(policy.PAGES.items()):
        if key.startswith("POST ") or key in NOT_CHECKED:
            continue
        for c in cases:
            if c.expect[persona] == policy.OK:
                urls.append(_fill(routes[key], c.params, world))
    return urls


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def _describe(url: str, violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{url}: {v['id']} ({v['impact']}) {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:3])
        for v in violations
    ]


def _log_in(page: Any, live_server: Any, user: Any) -> None:
    from conftest import otp_verify_session

    client = Client()
    client.force_login(user)
    otp_verify_session(client, user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _check(page: Any, live_server: Any, urls: list[str], screenshot: Any) -> list[str]:
    problems: list[str] = []
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response is not None and response.ok, url
        problems += _describe(url, axe_violations(page))
        screenshot(re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home")
    return problems


def test_axe_catches_a_violation(page, live_server):
    """The check itself works: a page with an unlabelled field and an empty button fails."""
    page.set_content(
        '<html lang="nl"><title>x</title><main><input type="text"><button></button></main></html>'
    )
    ids = {v["id"] for v in axe_violations(page)}
    assert {"label", "button-name"} <= ids


def test_pages_have_no_serious_violations_for_visitors(page, live_server, screenshot):
    world = build_world()
    urls = pages_for("anonymous", world)
    assert len(urls) >= 4
    assert _check(page, live_server, urls, screenshot) == []


def test_pages_have_no_serious_violations_for_a_coordinator(page, live_server, screenshot):
    world = build_world()
    _log_in(page, live_server, world.users["coordinator"])
    urls = pages_for("coordinator", world)
    assert _check(page, live_server, urls, screenshot) == []


@pytest.mark.parametrize("persona", ["outreach_worker", "partner_a", "privacy_officer"])
def test_outreach_pages_have_no_serious_violations(page, live_server, screenshot, persona):
    """The outreach forms and lists as the people who use them (worker on a phone)."""
    world = build_world()
    if persona == "outreach_worker":
        page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, live_server, world.users[persona])
    urls = [u for u in pages_for(persona, world) if u.startswith("/outreach/")]
    assert urls
    assert _check(page, live_server, urls, screenshot) == []


def test_two_factor_pages_have_no_serious_violations(page, live_server, screenshot):
    world = build_world()
    _log_in(page, live_server, world.users["privacy_officer"])
    assert _check(page, live_server, ["/accounts/2fa/setup/"], screenshot) == []


def _tab_to(page: Any, selector: str, limit: int = 40) -> None:
    """Press Tab until the element matching `selector` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector({selector!r})"):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_login_form_with_the_keyboard_only(page, live_server, editor):
    page.goto(live_server.url + "/accounts/login/")
    _tab_to(page, "#id_username")
    page.keyboard.type("editor")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type("pw-editor-123")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/login/" not in page.url
    assert page.get_by_role("button", name=re.compile("Log out|Uitloggen")).is_visible()


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page, live_server, programme):
    page.goto(live_server.url + "/organisations/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    assert page.evaluate("document.activeElement.getBoundingClientRect().height") > 0
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_two_factor_form_with_the_keyboard_only(page, live_server, programme):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wijkaanpak.accounts.models import User

    user = User.objects.create_user(
        username="privacy", password="pw-privacy-123", requires_two_factor=True
    )
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto(live_server.url + "/accounts/login/")
    _tab_to(page, "#id_username")
    page.keyboard.type("privacy")
    page.keyboard.press("Tab")
    page.keyboard.type("pw-privacy-123")
    with page.expect_navigation(url=re.compile("/accounts/2fa/verify/")):
        page.keyboard.press("Enter")
    _tab_to(page, "#id_token")
    page.keyboard.type(f"{totp(device.bin_key, step=device.step, t0=device.t0):06d}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/2fa/" not in page.url

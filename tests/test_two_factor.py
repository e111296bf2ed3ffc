"""Two-factor authentication: who needs it, enrolment, verification, and the blocking middleware."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkaanpak.accounts.models import User
from wijkaanpak.accounts.selectors import user_requires_2fa
from wijkaanpak.accounts.two_factor import register_two_factor_rule, unregister_two_factor_rule

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


@pytest.fixture
def flagged(programme):
    return User.objects.create_user(
        username="privacy", password="pw-privacy-123", requires_two_factor=True
    )


def test_who_needs_two_factor(editor, flagged, admin_user):
    assert not user_requires_2fa(user=editor)
    assert user_requires_2fa(user=flagged)
    assert user_requires_2fa(user=admin_user)


def test_other_apps_can_register_a_rule(editor):
    def rule(user):
        return user.username == "editor"

    register_two_factor_rule(rule)
    try:
        assert user_requires_2fa(user=editor)
    finally:
        unregister_two_factor_rule(rule)
    assert not user_requires_2fa(user=editor)


def test_demo_users_are_exempt_only_while_debug_is_on(programme):
    demo = User.objects.create_user(
        username="outreach", email="outreach@demo.invalid", requires_two_factor=True
    )
    with override_settings(DEBUG=True):
        assert not user_requires_2fa(user=demo)
    with override_settings(DEBUG=False):
        assert user_requires_2fa(user=demo)


def test_flagged_user_is_sent_to_enrolment_and_blocked_until_verified(client, flagged, programme):
    response = client.post(
        "/accounts/login/",
        {"username": "privacy", "password": "pw-privacy-123", "next": "/organisations/"},
    )
    assert response.status_code == 302
    response = client.get("/organisations/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/setup/?next=")
    # The API refuses session requests too.
    assert client.get("/api/v1/programmes/").status_code == 403

    page = client.get(response["Location"])
    assert page.status_code == 200
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    device = TOTPDevice.objects.get(user=flagged, confirmed=False)
    assert secret.replace(" ", "") in device.config_url
    assert "<svg" in page.content.decode()

    wrong = client.post("/accounts/2fa/setup/", {"token": "000000", "next": "/organisations/"})
    assert wrong.status_code == 200
    assert client.get("/organisations/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # django-otp throttles after a wrong code; skip the wait

    done = client.post("/accounts/2fa/setup/", {"token": _code(device), "next": "/organisations/"})
    assert done.status_code == 302
    assert done["Location"] == "/organisations/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/organisations/").status_code == 200


def test_enrolled_user_must_verify_at_each_login_and_cannot_enrol_again(client, flagged, programme):
    device = TOTPDevice.objects.create(user=flagged, name="phone", confirmed=True)
    client.post("/accounts/login/", {"username": "privacy", "password": "pw-privacy-123"})
    response = client.get("/organisations/")
    assert response["Location"].startswith("/accounts/2fa/verify/")
    # Knowing the password is not enough to add another device.
    assert client.get("/accounts/2fa/setup/")["Location"] == "/accounts/2fa/verify/"
    assert client.post("/accounts/2fa/verify/", {"token": "123456"}).status_code == 200
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(
        "/accounts/2fa/verify/", {"token": _code(device), "next": "/organisations/"}
    )
    assert response["Location"] == "/organisations/"
    assert client.get("/organisations/").status_code == 200


def test_verify_refuses_an_open_redirect(client, flagged, programme):
    device = TOTPDevice.objects.create(user=flagged, name="phone", confirmed=True)
    client.post("/accounts/login/", {"username": "privacy", "password": "pw-privacy-123"})
    response = client.post(
        "/accounts/2fa/verify/", {"token": _code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_token_login_needs_the_code_for_two_factor_users(api, flagged, programme):
    device = TOTPDevice.objects.create(user=flagged, name="phone", confirmed=True)
    response = api().post("/auth/token", {"username": "privacy", "password": "pw-privacy-123"})
    assert response.status_code == 401
    assert response.json()["errors"][0]["field"] == "otp"
    response = api().post(
        "/auth/token", {"username": "privacy", "password": "pw-privacy-123", "otp": _code(device)}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    from django.test import Client

    listed = Client().get("/api/v1/programmes/", headers={"Authorization": f"Bearer {token}"})
    assert listed.status_code == 200


def test_users_without_two_factor_are_not_bothered(client, editor, programme):
    client.post("/accounts/login/", {"username": "editor", "password": "pw-editor-123"})
    assert client.get("/organisations/").status_code == 200


def test_admin_client_fixture_is_past_the_second_factor(admin_client):
    assert admin_client.get("/admin/").status_code == 200

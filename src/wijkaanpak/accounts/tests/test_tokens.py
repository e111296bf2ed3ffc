from __future__ import annotations

import pytest
from django.test import override_settings

from wijkaanpak.accounts.models import ApiToken
from wijkaanpak.accounts.services import demo_user_create

pytestmark = pytest.mark.django_db


def test_token_login_returns_a_token_that_authenticates(api, editor):
    response = api().post("/auth/token", {"username": "editor", "password": "pw-editor-123"})
    assert response.status_code == 200
    token = response.json()["token"]
    stored = ApiToken.objects.get(user=editor)
    assert stored.key_hash == ApiToken.hash(token) != token


def test_wrong_password_is_401(api, editor):
    response = api().post("/auth/token", {"username": "editor", "password": "nope"})
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid username or password"


def test_an_unknown_token_is_401(client, programme):
    response = client.get("/api/v1/programmes/", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401


@override_settings(DEBUG=False)
def test_demo_users_are_refused_when_debug_is_off():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        demo_user_create(username="coordinator")

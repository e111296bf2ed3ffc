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


def test_token_use_is_recorded_at_most_every_five_minutes(client, editor):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from wijkaanpak.accounts.models import TOKEN_TOUCH_INTERVAL
    from wijkaanpak.accounts.services import api_token_create

    raw = api_token_create(username="editor", password="pw-editor-123")
    headers = {"Authorization": f"Bearer {raw}"}

    def updates() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/programmes/", headers=headers).status_code == 200
        return sum(1 for q in ctx.captured_queries if q["sql"].startswith("UPDATE"))

    assert updates() == 1  # first use is recorded
    first = ApiToken.objects.get(user=editor).last_used_at
    assert first is not None
    assert updates() == 0  # used again within the interval: no write
    assert ApiToken.objects.get(user=editor).last_used_at == first
    stale = timezone.now() - TOKEN_TOUCH_INTERVAL - dt.timedelta(seconds=1)
    ApiToken.objects.filter(user=editor).update(last_used_at=stale)
    assert updates() == 1  # older than the interval: recorded again
    assert ApiToken.objects.get(user=editor).last_used_at > stale

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


# --- Tokens end (issue 12, item 3) -------------------------------------------------------


def _get(client, raw: str):
    return client.get("/api/v1/programmes/", headers={"Authorization": f"Bearer {raw}"})


def _issue(api, username: str = "editor", password: str = "pw-editor-123", **extra) -> dict:
    response = api().post("/auth/token", {"username": username, "password": password, **extra})
    assert response.status_code == 200, response.content
    return response.json()


def test_a_token_states_when_it_ends_and_ends_then(api, client, editor):
    import datetime as dt

    from django.utils import timezone

    before = timezone.now()
    answer = _issue(api)
    expires = dt.datetime.fromisoformat(answer["expires_at"])
    assert dt.timedelta(hours=8) <= expires - before < dt.timedelta(hours=8, minutes=1)
    assert _get(client, answer["token"]).status_code == 200
    ApiToken.objects.filter(pk=answer["id"]).update(expires_at=timezone.now())
    response = _get(client, answer["token"])
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid or expired token"


@override_settings(API_TOKEN_LIFETIME_HOURS=0.5)
def test_the_lifetime_is_a_setting(api, editor):
    import datetime as dt

    from django.utils import timezone

    expires = dt.datetime.fromisoformat(_issue(api)["expires_at"])
    assert expires - timezone.now() < dt.timedelta(minutes=31)


def test_a_password_change_ends_every_token(api, client, editor):
    first = _issue(api)["token"]
    second = _issue(api)["token"]
    editor.set_password("a-new-password-2026")
    editor.save()
    assert _get(client, first).status_code == 401
    assert not ApiToken.objects.filter(user=editor).exists()
    # Also when the hash changes without set_password() (e.g. an update in the database):
    # the token is bound to the password it was issued under.
    third = _issue(api, password="a-new-password-2026")["token"]
    assert _get(client, third).status_code == 200
    from django.contrib.auth.hashers import make_password

    type(editor).objects.filter(pk=editor.pk).update(password=make_password("other-pw-2026-x"))
    assert _get(client, third).status_code == 401
    assert _get(client, second).status_code == 401


def test_deactivation_ends_tokens_for_good(api, client, editor):
    raw = _issue(api)["token"]
    editor.is_active = False
    editor.save()
    assert _get(client, raw).status_code == 401
    editor.is_active = True
    editor.save()
    assert _get(client, raw).status_code == 401  # reactivated: the old token stays dead


def test_a_token_issued_without_a_second_factor_dies_when_the_user_needs_one(api, client, editor):
    from django.utils import timezone

    from conftest import totp_code

    raw = _issue(api)["token"]
    assert ApiToken.objects.get(user=editor).two_factor is False
    assert _get(client, raw).status_code == 200
    editor.requires_two_factor = True  # e.g. given a role that sees personal data
    editor.save()
    assert _get(client, raw).status_code == 401
    assert not ApiToken.objects.filter(user=editor).exists()  # dead, also if the role goes
    # A token issued with the code keeps working for such a user.
    ApiToken.objects.filter(user=editor).update(expires_at=timezone.now())
    with_code = _issue(api, otp=totp_code(editor))
    assert ApiToken.objects.get(pk=with_code["id"]).two_factor is True
    assert _get(client, with_code["token"]).status_code == 200


def test_a_role_that_sees_personal_data_ends_a_token_without_a_second_factor(
    api, client, editor, programme
):
    """Roles from other apps' rules (here: outreach privacy officer) are checked when the
    token's use is recorded: on first use, then at least every TOKEN_TOUCH_INTERVAL."""
    import datetime as dt

    from django.utils import timezone

    from wijkaanpak.accounts.models import TOKEN_TOUCH_INTERVAL
    from wijkaanpak.outreach.services import outreach_role_set

    raw = _issue(api)["token"]
    assert _get(client, raw).status_code == 200
    outreach_role_set(user=editor, programme=programme, role="privacy_officer")
    stale = timezone.now() - TOKEN_TOUCH_INTERVAL - dt.timedelta(seconds=1)
    ApiToken.objects.filter(user=editor).update(last_used_at=stale)
    assert _get(client, raw).status_code == 401
    assert not ApiToken.objects.filter(user=editor).exists()


def test_a_demo_token_from_debug_is_refused_in_production(api, client, programme):
    from django.conf import settings

    from wijkaanpak.accounts.models import User

    with override_settings(DEBUG=True):
        demo = User.objects.create_user(username="democoach", email="democoach@demo.invalid")
        demo.set_password(settings.DEMO_PASSWORD)
        demo.save()
        raw = _issue(api, username="democoach", password=settings.DEMO_PASSWORD)["token"]
        assert _get(client, raw).status_code == 200
    with override_settings(DEBUG=False):
        assert _get(client, raw).status_code == 401
        # Nor does a demo user with another password get a new token in production.
        demo.set_password("not-the-demo-password-1")
        demo.save()
        response = api().post(
            "/auth/token", {"username": "democoach", "password": "not-the-demo-password-1"}
        )
        assert response.status_code == 401


def test_the_holder_lists_and_revokes_their_tokens(api, client, editor, viewer):
    first = _issue(api)
    second = _issue(api)
    theirs = _issue(api, username="viewer", password="pw-viewer-123")
    headers = {"Authorization": f"Bearer {first['token']}"}

    listed = client.get("/api/v1/auth/tokens/", headers=headers).json()
    assert listed["count"] == 2
    assert {t["id"] for t in listed["items"]} == {first["id"], second["id"]}
    assert set(listed["items"][0]) == {
        "id",
        "created_at",
        "expires_at",
        "last_used_at",
        "two_factor",
    }

    # Another user's token does not exist for them.
    response = client.delete(f"/api/v1/auth/tokens/{theirs['id']}/", headers=headers)
    assert response.status_code == 404
    assert _get(client, theirs["token"]).status_code == 200

    response = client.delete(f"/api/v1/auth/tokens/{second['id']}/", headers=headers)
    assert response.status_code == 204
    assert _get(client, second["token"]).status_code == 401
    assert client.get("/api/v1/auth/tokens/", headers=headers).json()["count"] == 1

    # Revoking the token in use ends it at once.
    assert client.delete(f"/api/v1/auth/tokens/{first['id']}/", headers=headers).status_code == 204
    assert _get(client, first["token"]).status_code == 401
    assert client.get("/api/v1/auth/tokens/").status_code == 401


def test_an_administrator_revokes_a_token_in_the_admin(api, client, admin_client, editor):
    answer = _issue(api)
    listing = admin_client.get("/admin/accounts/apitoken/")
    assert listing.status_code == 200
    assert "editor" in listing.content.decode()
    response = admin_client.post(
        f"/admin/accounts/apitoken/{answer['id']}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert _get(client, answer["token"]).status_code == 401

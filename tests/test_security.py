"""Security basics: headers, CSRF on forms, cookies, throttling, demo password, check --deploy."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from wijkaanpak.accounts.models import ApiToken

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


def test_pages_carry_security_headers(client, programme):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"  # no inline scripts, no eval, no CDN
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_api_answers_carry_security_headers(client, programme):
    response = client.get("/api/v1/programmes/")
    assert "Content-Security-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff"


def test_templates_have_no_inline_scripts():
    """CSP has no 'unsafe-inline' for scripts, so an inline <script> would silently break."""
    offenders = []
    for template in (REPO / "src" / "wijkaanpak").rglob("templates/**/*.html"):
        text = template.read_text()
        for chunk in text.split("<script")[1:]:
            head = chunk.split(">", 1)[0]
            if "src=" not in head and "application/json" not in head:
                offenders.append(str(template.relative_to(REPO)))
        if " onclick=" in text or " onload=" in text or " onchange=" in text:
            offenders.append(str(template.relative_to(REPO)))
    assert offenders == []


def test_login_is_throttled_after_five_failures(client, editor):
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    # Locked out: even the right password is refused now.
    response = client.post("/accounts/login/", {"username": "editor", "password": "pw-editor-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_token_login_is_throttled_too(api, editor):
    for _ in range(5):
        response = api().post("/auth/token", {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    response = api().post("/auth/token", {"username": "editor", "password": "pw-editor-123"})
    assert response.status_code == 429
    assert not ApiToken.objects.filter(user=editor).exists()


def test_a_successful_login_resets_the_failure_count(client, editor):
    for _ in range(4):
        client.post("/accounts/login/", {"username": "editor", "password": "wrong"})
    assert (
        client.post(
            "/accounts/login/", {"username": "editor", "password": "pw-editor-123"}
        ).status_code
        == 302
    )
    client.logout()
    for _ in range(4):
        response = client.post("/accounts/login/", {"username": "editor", "password": "wrong"})
    assert response.status_code == 200  # counting started again


def _make_demo_like_user(username: str) -> None:
    from django.conf import settings

    from wijkaanpak.accounts.models import User

    user = User.objects.create_user(username=username, email=f"{username}@demo.invalid")
    user.set_password(settings.DEMO_PASSWORD)
    user.save()


@override_settings(DEBUG=False)
def test_demo_password_is_refused_at_login_when_debug_is_off(client, api, programme):
    _make_demo_like_user("coordinator")
    response = client.post(
        "/accounts/login/", {"username": "coordinator", "password": "wijkaanpak-demo"}
    )
    assert response.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in client.session
    response = api().post("/auth/token", {"username": "coordinator", "password": "wijkaanpak-demo"})
    assert response.status_code == 401


@override_settings(DEBUG=True)
def test_demo_password_works_while_debug_is_on(client, programme):
    _make_demo_like_user("coordinator")
    response = client.post(
        "/accounts/login/", {"username": "coordinator", "password": "wijkaanpak-demo"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_password_validation_refuses_weak_passwords(editor):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("editor12", "password123", "1234567890", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak, user=editor)
    validate_password("Vecht-oever-Overvecht-2026", user=editor)


def _production_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="wijkaanpak.example.nl",
        PYTHONPATH=str(REPO / "src"),
        DJANGO_SETTINGS_MODULE="wijkaanpak.settings",
    )
    env.pop("SESSION_COOKIE_SECURE", None)
    env.pop("CSRF_COOKIE_SECURE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # bin/test sets it for live_server tests
    return env


def _check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wijkaanpak", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )


def test_check_deploy_is_clean_for_production_settings(tmp_path):
    env = _production_env()
    env["WIJKAANPAK_DATA_DIR"] = str(tmp_path)
    result = _check_deploy(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_catches_insecure_cookies(tmp_path):
    env = _production_env()
    env["WIJKAANPAK_DATA_DIR"] = str(tmp_path)
    env["SESSION_COOKIE_SECURE"] = "false"
    result = _check_deploy(env)
    assert result.returncode != 0
    assert "security.W012" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = _production_env()
    env["WIJKAANPAK_DATA_DIR"] = str(tmp_path)
    env["SECRET_KEY"] = ""
    result = _check_deploy(env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_make_cookies_secure(tmp_path):
    env = _production_env()
    env["WIJKAANPAK_DATA_DIR"] = str(tmp_path)
    code = (
        "from django.conf import settings as s; import django; django.setup(); "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["True"] * 5, result.stderr


# --- CSRF on every form ---------------------------------------------------------------


def test_csrf_is_enforced_on_login_and_logout(editor):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "editor", "password": "pw-editor-123"})
    assert response.status_code == 403

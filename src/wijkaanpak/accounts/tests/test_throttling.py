"""Password spraying is slowed (issue 12, item 10): limits per address and per username, not
only per username and address pair, with the same 429 on the login page and the token login."""

from __future__ import annotations

import json

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def _page_login(username: str, password: str = "wrong", ip: str = "192.0.2.7") -> int:
    response = Client(REMOTE_ADDR=ip).post(
        "/accounts/login/", {"username": username, "password": password}
    )
    return int(response.status_code)


def _token_login(username: str, password: str = "wrong", ip: str = "192.0.2.7") -> int:
    response = Client(REMOTE_ADDR=ip).post(
        "/api/v1/auth/token",
        json.dumps({"username": username, "password": password}),
        content_type="application/json",
    )
    return int(response.status_code)


@pytest.mark.parametrize("login", [_page_login, _token_login], ids=["page", "token"])
def test_many_usernames_from_one_address_are_locked_out(login, editor):
    """The default limits (settings: 20 per address, 10 per username)."""
    answers = [login(f"user{i}") for i in range(30)]
    assert 429 not in answers[:19]  # one try per username: axes alone never locked
    assert answers[19:] == [429] * 11  # the 20th failure from the address locks it
    # Even the right password from that address now waits ...
    assert login("editor", "pw-editor-123") == 429
    # ... while the person at another address logs in.
    assert login("editor", "pw-editor-123", ip="198.51.100.1") in (200, 302)


@override_settings(AXES_IP_FAILURE_LIMIT=6)
def test_the_lockout_answer_is_the_clear_429(editor):
    for i in range(6):
        _token_login(f"user{i}")
    response = Client(REMOTE_ADDR="192.0.2.7").post(
        "/api/v1/auth/token",
        json.dumps({"username": "someone", "password": "x"}),
        content_type="application/json",
    )
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "900"
    page = Client(REMOTE_ADDR="192.0.2.7").post(
        "/accounts/login/", {"username": "someone", "password": "x"}
    )
    assert page.status_code == 429
    assert page["Retry-After"] == "900"


@pytest.mark.parametrize("login", [_page_login, _token_login], ids=["page", "token"])
def test_one_username_from_many_addresses_is_locked_out(login, editor):
    answers = [login("editor", ip=f"203.0.113.{i}") for i in range(1, 13)]
    assert 429 not in answers[:9]
    assert answers[9:] == [429] * 3  # the 10th failure for the username, whatever the address
    assert login("editor", "pw-editor-123", ip="203.0.113.99") == 429


@override_settings(AXES_IP_FAILURE_LIMIT=6)
def test_a_successful_login_forgives_only_its_own_failures(client, editor):
    for i in range(3):
        _page_login(f"user{i}")
    for _ in range(2):
        _page_login("editor")
    # Five failures from the address (six lock it); the editor's own two are forgiven at login,
    assert _page_login("editor", "pw-editor-123") == 302
    # but not the other usernames' three: three more failures lock the address.
    assert _page_login("user-x") != 429
    assert _page_login("user-y") != 429
    assert _page_login("user-z") == 429

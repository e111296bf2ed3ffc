"""Personal data is not cached (issue 12, item 9): every outreach page and API answer, the audit
log and the account pages and endpoints carry `Cache-Control: no-store, private`, whatever their
status; public figures do not."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver

from conftest import otp_verify_session

NO_STORE = {"no-store", "private"}


def _directives(response: Any) -> set[str]:
    return {d.strip() for d in response.get("Cache-Control", "").split(",") if d.strip()}


def _pages(namespace: str) -> list[str]:
    """Every route of the namespace, with 1 for each path parameter."""
    resolver = next(
        p
        for p in get_resolver().url_patterns
        if getattr(p, "namespace", None) == namespace or getattr(p, "app_name", None) == namespace
    )
    prefix = "/" + str(resolver.pattern)
    return [
        prefix + re.sub(r"<(?:\w+:)?\w+>", "1", str(p.pattern))
        for p in resolver.url_patterns
        if isinstance(p, URLPattern)
    ]


def _logged_in(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    otp_verify_session(c, user)
    return c


@pytest.mark.parametrize("namespace", ["outreach", "accounts"])
def test_every_page_is_not_stored(world, namespace):
    paths = _pages(namespace)
    assert len(paths) >= 3
    clients = {
        "anonymous": Client(),
        "worker": _logged_in(world.users["worker"]),
        "privacy": _logged_in(world.users["privacy"]),
    }
    for name, client in clients.items():
        for path in paths:
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                assert _directives(response) >= NO_STORE, (name, method, path, response.status_code)


def _api_operations(prefixes: tuple[str, ...]) -> list[tuple[str, str]]:
    document = json.loads(Client().get("/api/v1/openapi.json").content)
    return [
        (method.upper(), re.sub(r"\{\w+\}", "1", path))
        for path, methods in document["paths"].items()
        if path.startswith(prefixes)
        for method in methods
        if method.upper() in {"GET", "POST", "PUT", "PATCH", "DELETE"}
    ]


def test_every_outreach_and_account_endpoint_is_not_stored(world, api):
    operations = _api_operations(("/api/v1/outreach/", "/api/v1/auth/"))
    assert len(operations) >= 20
    for user in (None, world.users["worker"], world.users["privacy"]):
        client = api(user)
        for method, path in operations:
            response = client.client.generic(
                method,
                path,
                "{}",
                content_type="application/json",
                headers=client.headers,
            )
            assert _directives(response) >= NO_STORE, (user, method, path, response.status_code)


def test_answers_with_personal_data_are_not_stored(world, api):
    hh = world.households[0].pk
    worker = api(world.users["worker"])
    for path in (
        f"/outreach/households/{hh}/",
        "/outreach/households/",
        "/outreach/referrals/",
        "/outreach/conversations/",
    ):
        response = worker.get(path)
        assert response.status_code == 200, path
        assert _directives(response) == NO_STORE, path
    privacy = api(world.users["privacy"])
    for path in ("/outreach/audit-log/", f"/outreach/households/{hh}/export/"):
        response = privacy.get(path)
        assert response.status_code == 200, path
        assert _directives(response) == NO_STORE, path
    page = _logged_in(world.users["worker"]).get(f"/outreach/households/{hh}/")
    assert page.status_code == 200 and _directives(page) == NO_STORE
    csv = _logged_in(world.users["privacy"]).get("/outreach/audit.csv")
    assert csv.status_code == 200 and _directives(csv) == NO_STORE


def test_public_figures_may_be_cached(world, api):
    response = api().get("/areas/")
    assert response.status_code == 200
    assert "no-store" not in _directives(response)

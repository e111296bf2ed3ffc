"""The authorisation matrix: every page and API operation × every persona, against tests/policy.py.

Endpoints come from the URL configuration (django.urls resolvers) and from the OpenAPI
document; a new endpoint without a policy entry fails `test_every_endpoint_has_a_policy`.
Every answer is compared with the declared one; every HTML page that renders is scanned for
POST forms without a CSRF token; no answer to a partner user may contain another
organisation's private data.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import policy
from tests.policy import Case
from tests.world import INSTALLATION_ADMIN, PERSONAS, World, other_fingerprint

pytestmark = pytest.mark.django_db

# URL namespaces that are checked another way: the API through its OpenAPI document, the admin
# through its model registry (ADMIN_EXPECT).
SKIP_NAMESPACES = {"admin"}
API_NAMESPACE = "api"
API_DOCUMENT_NAMES = {"openapi-json", "openapi-view"}


def url_patterns() -> dict[str, str]:
    """Every named page of the URL configuration: {"namespace:name": route}."""
    found: dict[str, str] = {}

    def walk(patterns: list[Any], prefix: str, namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace or namespace
                if p.namespace in SKIP_NAMESPACES:
                    continue
                walk(p.url_patterns, prefix + str(p.pattern), ns if p.namespace else namespace)
            elif isinstance(p, URLPattern):
                if namespace == API_NAMESPACE and p.name not in API_DOCUMENT_NAMES:
                    continue  # API operations: from the OpenAPI document
                route = prefix + str(p.pattern)
                key = f"{namespace}:{p.name}" if namespace and p.name else (p.name or route)
                found[key] = route

    walk(get_resolver().url_patterns, "", None)
    return found


def api_operations() -> dict[str, dict[str, Any]]:
    document = json.loads(Client().get("/api/v1/openapi.json").content)
    operations = {}
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            if method.upper() in {"GET", "POST", "PUT", "PATCH", "DELETE"}:
                operations[f"{method.upper()} {path}"] = operation
    return operations


def admin_urls() -> list[str]:
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    return urls


def classify(response: Any) -> str:
    status = response.status_code
    if 200 <= status < 300:
        return policy.OK
    if status in (301, 302, 303, 307, 308):
        return policy.LOGIN if "login" in response["Location"] else policy.REDIRECT
    return str(status)


class FormScanner(HTMLParser):
    """Collects POST forms and whether each carries a csrfmiddlewaretoken input."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._current: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self._current = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action"),
                "csrf": False,
            }
            self.forms.append(self._current)
        elif (
            tag == "input" and self._current is not None and a.get("name") == "csrfmiddlewaretoken"
        ):
            self._current["csrf"] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def post_forms_without_csrf(html: str) -> list[dict[str, Any]]:
    scanner = FormScanner()
    scanner.feed(html)
    return [f for f in scanner.forms if f["method"] == "post" and not f["csrf"]]


def _fill(route: str, params: dict[str, str], world: World) -> str:
    path = route
    for name, key in params.items():
        value = str(world[key])
        path = re.sub(r"<(?:\w+:)?" + name + ">", value, path)
        path = path.replace("{" + name + "}", value)
    assert "<" not in path and "{" not in path, f"unfilled parameters in {path}"
    return path if path.startswith("/") else "/" + path


def _body(case: Case, world: World) -> dict[str, Any] | None:
    return case.body(world) if callable(case.body) else case.body


def _leaks(persona: str, content: bytes, world: World) -> list[str]:
    text = content.decode("utf-8", "replace")
    return [
        marker
        for marker, allowed in world.private_markers.items()
        if persona not in allowed and marker in text
    ]


def _run(world: World, key: str, method: str, path: str, cases: list[Case], api: bool) -> list[str]:
    problems = []
    for c in cases:
        url = _fill(path, c.params, world)
        for persona in PERSONAS:
            with transaction.atomic():
                if api:
                    client = Client()
                    kwargs: dict[str, Any] = {"headers": world.api_headers(persona)}
                    if method != "GET" and c.multipart:
                        kwargs["data"] = _body(c, world) or {}
                    elif method != "GET":
                        kwargs.update(
                            data=json.dumps(_body(c, world) or {}),
                            content_type="application/json",
                        )
                else:
                    client = world.page_client(persona)
                    kwargs = {"data": _body(c, world) or {}} if method != "GET" else {}
                # Nothing of the other municipality's programme may change (docs/adr/0010).
                guard = method != "GET" and persona != "anonymous"
                before = other_fingerprint(world, persona) if guard else None
                response = getattr(client, method.lower())(url, **kwargs)
                if guard and other_fingerprint(world, persona) != before:
                    problems.append(f"{key} {url} as {persona} CHANGED the other municipality")
                content = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                got = classify(response)
                expected = c.expect[persona]
                if got != expected:
                    problems.append(
                        f"{key} {url} as {persona}: expected {expected}, got {got}"
                        f" ({response.status_code})"
                    )
                if got == policy.OK:
                    leaked = _leaks(persona, content, world)
                    if leaked:
                        problems.append(f"{key} {url} as {persona} LEAKS {leaked}")
                    if not api and "text/html" in response.get("Content-Type", ""):
                        for form in post_forms_without_csrf(content.decode()):
                            problems.append(
                                f"{key} {url} as {persona}: POST form to {form['action']} "
                                "has no CSRF token"
                            )
                transaction.set_rollback(True)
    return problems


def test_every_endpoint_has_a_policy():
    pages = url_patterns()
    declared_pages = {k.removeprefix("POST ") for k in policy.PAGES}
    missing_pages = sorted(set(pages) - declared_pages)
    stale_pages = sorted(declared_pages - set(pages))
    operations = api_operations()
    missing_api = sorted(set(operations) - set(policy.API))
    stale_api = sorted(set(policy.API) - set(operations))
    assert (missing_pages, missing_api) == ([], []), "endpoints without a policy entry"
    assert (stale_pages, stale_api) == ([], []), "policy entries for endpoints that do not exist"


def test_every_case_names_every_persona():
    for key, cases in {**policy.PAGES, **policy.API}.items():
        for c in cases:
            assert set(c.expect) == set(PERSONAS), key


@pytest.mark.parametrize("key", sorted(policy.PAGES))
def test_page(world, key):
    method, _, name = key.rpartition(" ")
    route = url_patterns().get(name)
    if route is None:
        pytest.fail(f"{name} is not in the URL configuration")
    problems = _run(world, key, method or "GET", route, policy.PAGES[key], api=False)
    assert problems == [], "\n" + "\n".join(problems)


@pytest.mark.parametrize("key", sorted(policy.API))
def test_api_operation(world, key):
    method, path = key.split(" ", 1)
    problems = _run(world, key, method, path, policy.API[key], api=True)
    assert problems == [], "\n" + "\n".join(problems)


def test_admin_is_for_staff_only(world):
    problems = []
    for url in admin_urls():
        for persona in PERSONAS:
            got = classify(world.page_client(persona).get(url))
            if got != policy.ADMIN_EXPECT[persona]:
                problems.append(f"{url} as {persona}: {got}")
    assert problems == [], "\n" + "\n".join(problems)


def test_admin_is_for_installation_admins(world):
    """The Django admin is the installation admin's tool: superusers only (docs/roles.md);
    a staff user with every permission is sent to the login page."""
    from conftest import otp_verify_session
    from wijkaanpak.accounts.models import User

    staff = User.objects.create_user(username="matrix-staff", is_staff=True)
    staff.user_permissions.set(Permission.objects.all())
    admin_client, staff_client = world.page_client(INSTALLATION_ADMIN), Client()
    staff_client.force_login(staff)
    otp_verify_session(staff_client, staff)  # staff pass a second factor, as the admin would
    problems = []
    for url in admin_urls():
        if classify(admin_client.get(url)) != policy.OK:
            problems.append(f"{url} as installation admin")
        if classify(staff_client.get(url)) != policy.LOGIN:
            problems.append(f"{url} as staff without superuser")
    assert problems == [], "\n" + "\n".join(problems)


def test_leak_check_finds_a_marker(world):
    world.private_markers["Fam. Geheim"] = {"partner_a"}
    try:
        assert _leaks("partner_b", b"<td>Fam. Geheim</td>", world) == ["Fam. Geheim"]
        assert _leaks("partner_a", b"<td>Fam. Geheim</td>", world) == []
    finally:
        del world.private_markers["Fam. Geheim"]


def test_form_scanner_finds_a_post_form_without_token():
    html = '<form method="post" action="/x"><input name="a"></form><form method="get"></form>'
    assert [f["action"] for f in post_forms_without_csrf(html)] == ["/x"]
    ok = '<form method="POST"><input type="hidden" name="csrfmiddlewaretoken" value="t"></form>'
    assert post_forms_without_csrf(ok) == []

"""Shared fixtures: the personas every test speaks of, an API client, and the browser."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from wijkaanpak.core.actors import SYSTEM

# Playwright's sync API runs an event loop in the test thread; the live server's ORM calls are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The real CBS/city-monitor files beside the checkout; WIJKAANPAK_SHARED_DATA points elsewhere
# (e.g. from a git worktree).
SHARED_DATA = Path(
    os.environ.get("WIJKAANPAK_SHARED_DATA")
    or Path(__file__).resolve().parent.parent / "shared" / "data"
)
ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"


# A fast password hasher for the whole suite (as Healthchecks does): PBKDF2's deliberate slowness
# cost seconds per test that makes users (7 s of every demo load). The settings module itself is
# untouched: `check --deploy` runs on it, and the subprocesses of tests/scratch.py use it with this
# same hasher (tests/scratch_settings.py).
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Every test starts with an empty cache: counters such as the public forms' rate limit
    are kept per user id, and ids repeat from one test database to the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts in the default language (Dutch), whatever an earlier test or request
    activated (the locale middleware leaves its language active in the thread)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def demo_db(db: Any) -> None:
    """The Overvecht demo in the test database, as `load_demo` makes it (copied: tests/demo_db.py)."""
    from tests.demo_db import demo_restore

    demo_restore()


@pytest.fixture
def shared_data() -> Path:
    """The real CBS/city-monitor files beside the checkout; skips with a clear message if absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data folder {SHARED_DATA} is not present")
    return SHARED_DATA


@pytest.fixture
def utrecht(db: Any) -> Any:
    from wijkaanpak.areas.models import AreaLevel
    from wijkaanpak.areas.services import area_create_or_update

    gm = area_create_or_update(code="GM0344", name="Utrecht", level=AreaLevel.MUNICIPALITY)
    area_create_or_update(code="WK034403", name="Overvecht", level=AreaLevel.DISTRICT, parent=gm)
    return gm


@pytest.fixture
def programme(utrecht: Any) -> Any:
    from wijkaanpak.areas.models import Area
    from wijkaanpak.programmes.services import ambition_create_or_update, programme_create_or_update

    p = programme_create_or_update(
        slug="samen-voor-overvecht",
        name="Samen voor Overvecht",
        municipality=utrecht,
        area=Area.objects.get(code="WK034403"),
        start_year=2019,
    )
    ambition_create_or_update(programme=p, number=1, short_name="Wonen", name="Plezierig wonen")
    ambition_create_or_update(programme=p, number=2, short_name="Jeugd", name="Perspectief jeugd")
    return p


def _member(username: str, programme: Any, role: str | None) -> Any:
    from wijkaanpak.accounts.models import User
    from wijkaanpak.accounts.services import programme_membership_set

    user = User.objects.create_user(username=username, password="pw-" + username + "-123")
    if role:
        programme_membership_set(user=user, programme=programme, role=role)
    return user


@pytest.fixture
def coordinator(programme: Any) -> Any:
    return _member("coordinator", programme, "coordinator")


@pytest.fixture
def editor(programme: Any) -> Any:
    return _member("editor", programme, "editor")


@pytest.fixture
def viewer(programme: Any) -> Any:
    return _member("viewer", programme, "viewer")


@pytest.fixture
def outsider(programme: Any) -> Any:
    return _member("outsider", programme, None)


@pytest.fixture
def kans(programme: Any) -> Any:
    from wijkaanpak.opportunities.services import opportunity_create

    return opportunity_create(
        programme=programme,
        title="Focus op Overvecht",
        ambitions=list(programme.ambitions.filter(number=2)),
        start_date=dt.date(2019, 7, 1),
        by=SYSTEM,
    )


def otp_verify_session(client: Client, user: Any) -> Any:
    """Give `user` a confirmed TOTP device and mark the client's session as verified (2FA)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def totp_code(user: Any) -> str:
    """The current code of the user's (confirmed) test authenticator, made on first use."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def admin_client(db: Any, admin_user: Any) -> Client:
    """pytest-django's admin_client, past the second factor that staff must use."""
    client = Client()
    client.force_login(admin_user)
    otp_verify_session(client, admin_user)
    return client


class ApiClient:
    """A JSON client for /api/v1/ that logs in with a bearer token like a program would."""

    def __init__(self, user: Any | None = None) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if user is not None:
            from wijkaanpak.accounts.models import ApiToken

            raw = f"test-token-{user.pk}"
            ApiToken.objects.get_or_create(user=user, key_hash=ApiToken.hash(raw), two_factor=True)
            self.headers["Authorization"] = f"Bearer {raw}"

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get("/api/v1" + path, params, headers=self.headers)

    def post(self, path: str, data: Any = None) -> Any:
        return self.client.post(
            "/api/v1" + path,
            json.dumps(data if data is not None else {}),
            content_type="application/json",
            headers=self.headers,
        )

    def post_multipart(self, path: str, data: dict[str, Any]) -> Any:
        return self.client.post("/api/v1" + path, data, headers=self.headers)


@pytest.fixture
def api() -> Any:
    """`api(user)` gives an ApiClient for that user (or anonymous with no argument)."""
    return ApiClient


# --- Browser (Playwright with Debian's Chromium; never `playwright install`) -------------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM} (Debian package chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def screenshot(page: Any, request: Any) -> Any:
    """`screenshot(name)` keeps a PNG of the page under test-artifacts/ for people to look at."""

    def take(name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """Every browser test reads the app as a Dutch user: date inputs show dd-mm-jjjj (issue 15)."""
    return {**browser_context_args, "locale": "nl-NL"}

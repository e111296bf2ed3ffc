from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def zeist(db: Any) -> Any:
    from wijkaanpak.areas.models import AreaLevel
    from wijkaanpak.areas.services import area_create_or_update

    gm = area_create_or_update(code="GM0355", name="Zeist", level=AreaLevel.MUNICIPALITY)
    area_create_or_update(code="WK035503", name="Vollenhove", level=AreaLevel.DISTRICT, parent=gm)
    return gm


def _municipality_admin(username: str, municipality: Any) -> Any:
    from wijkaanpak.accounts.models import MunicipalityMembership, MunicipalityRole, User

    user = User.objects.create_user(
        username=username,
        password=f"pw-{username}-123",
        email=f"{username}@example.org",
        first_name="Beheerder",
        last_name=municipality.name,
    )
    MunicipalityMembership.objects.create(
        user=user, municipality=municipality, role=MunicipalityRole.ADMIN
    )
    return user


@pytest.fixture
def utrecht_admin(utrecht: Any) -> Any:
    return _municipality_admin("admin-utrecht", utrecht)


@pytest.fixture
def zeist_admin(zeist: Any) -> Any:
    return _municipality_admin("admin-zeist", zeist)


def _json_client() -> Any:
    import json

    from conftest import ApiClient

    class JsonClient(ApiClient):
        """The project's ApiClient with PATCH, PUT and DELETE."""

        def _send(self, method: str, path: str, data: Any = None) -> Any:
            return getattr(self.client, method)(
                "/api/v1" + path,
                json.dumps(data if data is not None else {}),
                content_type="application/json",
                headers=self.headers,
            )

        def patch(self, path: str, data: Any = None) -> Any:
            return self._send("patch", path, data)

        def put(self, path: str, data: Any = None) -> Any:
            return self._send("put", path, data)

        def delete(self, path: str) -> Any:
            return self.client.delete("/api/v1" + path, headers=self.headers)

    return JsonClient


@pytest.fixture
def api() -> Any:
    """The project's `api(user)`, with PATCH, PUT and DELETE."""
    return _json_client()

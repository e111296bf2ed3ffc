"""The programme page's buttons come from one place (opportunities.actions.programme_actions):
each persona sees exactly the actions it may take."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from wijkaanpak.accounts.models import MunicipalityMembership, MunicipalityRole, User

pytestmark = pytest.mark.django_db


def _buttons(user: Any, slug: str) -> list[str]:
    client = Client()
    if user is not None:
        client.force_login(user)
    html = client.get(f"/programmas/{slug}/").content.decode()
    return re.findall(r'class="utrecht-button-link[^"]*" href="([^"]+)"', html)


def test_each_role_sees_its_own_actions(
    programme: Any, viewer: Any, editor: Any, coordinator: Any, utrecht: Any
) -> None:
    admin = User.objects.create_user(username="beheer", password="pw-beheer-123")
    MunicipalityMembership.objects.create(
        user=admin, municipality=utrecht, role=MunicipalityRole.ADMIN
    )
    slug = programme.slug
    new, setup, team = (
        f"/programmas/{slug}/kansen/nieuw/",
        f"/programmas/{slug}/inrichting/",
        f"/programmas/{slug}/team/",
    )
    assert _buttons(None, slug) == []
    assert _buttons(viewer, slug) == []
    assert _buttons(editor, slug) == [new]
    assert _buttons(coordinator, slug) == [new, setup, team]
    assert _buttons(admin, slug) == [new, setup, team]

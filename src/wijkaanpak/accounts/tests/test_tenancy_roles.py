"""The municipality role helpers of accounts.selectors (docs/roles.md)."""

from __future__ import annotations

from typing import Any

import pytest

from wijkaanpak.accounts.models import MunicipalityMembership, User
from wijkaanpak.accounts.selectors import (
    is_data_steward,
    user_may_create_organisation,
    user_may_import_for,
    user_municipality_ids,
)

pytestmark = pytest.mark.django_db


def test_who_works_for_which_municipality(programme: Any, utrecht: Any) -> None:
    from wijkaanpak.accounts.services import programme_membership_set

    viewer = User.objects.create_user(username="v")
    programme_membership_set(user=viewer, programme=programme, role="viewer")
    admin = User.objects.create_user(username="a")
    MunicipalityMembership.objects.create(user=admin, municipality=utrecht, role="admin")
    steward = User.objects.create_user(username="s", is_data_steward=True)
    assert user_municipality_ids(user=viewer) == {utrecht.pk}
    assert user_may_import_for(user=viewer) == set()  # a viewer imports nothing
    assert user_may_import_for(user=admin) == {utrecht.pk}
    assert user_may_import_for(user=steward) is None  # every municipality
    assert is_data_steward(user=steward) and not is_data_steward(user=admin)
    assert user_may_create_organisation(user=admin)
    assert not user_may_create_organisation(user=viewer)
    assert not user_may_create_organisation(user=steward)

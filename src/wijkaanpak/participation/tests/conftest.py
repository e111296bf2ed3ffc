from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Service messages are asserted in English (the msgids); pages still run in Dutch."""
    with translation.override("en"):
        yield


@pytest.fixture
def partner(programme: object, kans: object) -> object:
    """A partner: works for an organisation in the coalition of a kans of the programme."""
    from wijkaanpak.accounts.models import User
    from wijkaanpak.accounts.services import organisation_membership_add
    from wijkaanpak.core.actors import SYSTEM
    from wijkaanpak.opportunities.services import coalition_member_add
    from wijkaanpak.organisations.models import OrganisationType
    from wijkaanpak.organisations.services import organisation_ensure

    org = organisation_ensure(name="Mitros", type=OrganisationType.WELFARE)
    coalition_member_add(opportunity=kans, organisation=org, role="lead", by=SYSTEM)
    user = User.objects.create_user(username="partner", password="pw-partner-123")
    organisation_membership_add(user=user, organisation=org)
    user.org = org  # type: ignore[attr-defined]
    return user

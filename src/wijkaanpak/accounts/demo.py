"""Demo users of the foundation: coordinator, editor, viewer (password `wijkaanpak-demo`)."""

from __future__ import annotations

from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.services import demo_user_create, programme_membership_set
from wijkaanpak.programmes.models import Programme

USERS = [
    ("coordinator", "Cora", "Coördinator", ProgrammeRole.COORDINATOR),
    ("editor", "Eddy", "Redacteur", ProgrammeRole.EDITOR),
    ("viewer", "Vera", "Lezer", ProgrammeRole.VIEWER),
]


def load() -> None:
    programme = Programme.objects.get(slug="samen-voor-overvecht")
    for username, first, last, role in USERS:
        user = demo_user_create(username=username, first_name=first, last_name=last)
        programme_membership_set(user=user, programme=programme, role=role)

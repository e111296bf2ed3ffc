"""docs/roles.md is the one table of who may do what; the authorisation matrix must cover each
role in it with a persona (tests/world.py), and each persona must be a role of the table."""

from __future__ import annotations

import re
from pathlib import Path

from tests.world import INSTALLATION_ADMIN, PERSONAS

ROLES = Path(__file__).resolve().parent.parent / "docs" / "roles.md"


def roles_table() -> dict[str, list[str]]:
    """{role: [personas]} from the table's rows."""
    rows: dict[str, list[str]] = {}
    for line in ROLES.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 5 or cells[0] in ("Role", "") or set(cells[0]) <= {"-"}:
            continue
        rows[cells[0]] = re.findall(r"`([a-z_]+)`", cells[1])
    return rows


def test_the_table_names_the_roles_of_the_issue() -> None:
    table = roles_table()
    assert {
        "Installation admin",
        "Data steward",
        "Municipality admin",
        "Programme coordinator",
        "Programme editor",
        "Programme viewer",
        "Organisation member (partner)",
        "Outreach worker",
        "Coach",
        "Back office",
        "Privacy officer",
    } <= set(table)


def test_every_role_has_a_persona_in_the_matrix() -> None:
    """The matrix calls every endpoint as each of PERSONAS; the installation admin is checked
    on the Django admin (test_authorisation_matrix.test_admin_is_for_installation_admins)."""
    covered = set(PERSONAS) | {INSTALLATION_ADMIN}
    problems = {
        role: personas
        for role, personas in roles_table().items()
        if not personas or not set(personas) <= covered
    }
    assert problems == {}


def test_every_persona_is_a_role_of_the_table() -> None:
    named = {p for personas in roles_table().values() for p in personas}
    assert set(PERSONAS) | {INSTALLATION_ADMIN} == named

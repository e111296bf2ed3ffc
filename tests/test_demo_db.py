"""The demo copy (tests/demo_db.py) writes back exactly what `load_demo` wrote."""

from __future__ import annotations

from typing import Any

import pytest

from tests.demo_db import _read, demo_restore, demo_snapshot


def test_the_copy_has_exactly_the_rows_load_demo_wrote(db: Any) -> None:
    tables = demo_snapshot()
    assert {t.name for t in tables} >= {"programmes_programme", "outreach_household"}
    demo_restore()
    for table in tables:
        _, rows, text = _read(table.model)
        assert (rows, text) == (table.rows, table.copy_text), table.name


def test_rows_made_after_the_copy_get_new_ids(db: Any) -> None:
    from wijkaanpak.organisations.models import Organisation, OrganisationType
    from wijkaanpak.organisations.services import organisation_ensure

    demo_restore()
    highest = max(Organisation.objects.values_list("pk", flat=True))
    made = organisation_ensure(name="Na de demo", type=OrganisationType.WELFARE)
    assert made.pk > highest


def test_the_copy_goes_into_an_empty_database_only(programme: Any) -> None:
    with pytest.raises(AssertionError, match="not empty"):
        demo_restore()

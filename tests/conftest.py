"""Fixtures of the system-wide proof (tests/): a demo world shared by a module's tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from tests.world import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    """The demo plus personas, built once per module inside a transaction rolled back at the end.

    Tests that use it also take `db`: each test then runs in a savepoint of this transaction.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)

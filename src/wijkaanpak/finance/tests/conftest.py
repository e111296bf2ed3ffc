from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Service messages are asserted in English (the msgids); pages still run in Dutch."""
    with translation.override("en"):
        yield

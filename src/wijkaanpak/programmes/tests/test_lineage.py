"""A programme's lineage: its predecessor and the pillars each ambition took over."""

from __future__ import annotations

from typing import Any

import pytest

from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.programmes.selectors import programme_lineage
from wijkaanpak.programmes.services import (
    ambition_create_or_update,
    programme_create_or_update,
    programme_lineage_set,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def earlier(programme: Any) -> Any:
    p = programme_create_or_update(
        slug="de-versnelling",
        name="De Versnelling",
        municipality=programme.municipality,
        area=programme.area,
        start_year=2016,
    )
    ambition_create_or_update(programme=p, number=1, short_name="Gezond", name="Gezonde wijk")
    ambition_create_or_update(programme=p, number=2, short_name="Werk", name="Werk")
    return p


def test_lineage_both_ways(programme: Any, earlier: Any) -> None:
    pillars = {a.number: a for a in earlier.ambitions.all()}
    wonen = programme.ambitions.get(number=1)
    programme_lineage_set(
        programme=programme, predecessor=earlier, continues={wonen: [pillars[1], pillars[2]]}
    )
    programme_lineage_set(programme=earlier, predecessor=None, end_year=2019)
    later = programme_lineage(programme=programme)
    assert later.predecessor == earlier and later.successors == []
    assert later.continues == [(wonen, [pillars[1], pillars[2]])]
    before = programme_lineage(programme=earlier)
    assert before.successors == [programme]
    assert before.continued_by == [(pillars[1], [wonen]), (pillars[2], [wonen])]
    earlier.refresh_from_db()
    assert earlier.end_year == 2019


def test_a_programme_cannot_continue_itself_nor_another_programmes_pillars(
    programme: Any, earlier: Any
) -> None:
    with pytest.raises(InvalidInput):
        programme_lineage_set(programme=programme, predecessor=programme)
    own = programme.ambitions.get(number=2)
    with pytest.raises(InvalidInput):
        programme_lineage_set(programme=programme, predecessor=earlier, continues={own: [own]})
    programme.refresh_from_db()
    assert programme.predecessor_id is None  # nothing written
    assert not own.continues.exists()

import pytest

from wijkaanpak.areas import selectors, services
from wijkaanpak.core.exceptions import InvalidInput


@pytest.mark.django_db
def test_boundaries_within_a_municipality_latest_or_by_year():
    gm = services.area_create_or_update(code="GM0344", name="Utrecht", level="gemeente")
    wk = services.area_create_or_update(code="WK034401", name="West", level="wijk", parent=gm)
    sq = {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.1, 52.0], [5.1, 52.1], [5.0, 52.0]]]}
    services.area_boundary_set(area=wk, division_year=2016, geometry=sq, source="CBS 2016")
    services.area_boundary_set(area=wk, division_year=2023, geometry=sq, source="CBS 2023")
    assert [
        (a.code, y) for a, g, y in selectors.area_boundaries(within="GM0344", level="wijk")
    ] == [("WK034401", 2023)]
    assert [
        y for a, g, y in selectors.area_boundaries(within="GM0344", level="wijk", year=2016)
    ] == [2016]
    with pytest.raises(InvalidInput):
        services.area_boundary_set(area=wk, division_year=2016, geometry={"type": "Point"})

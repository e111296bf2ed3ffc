"""Is an area inside the programme's target area?"""

from __future__ import annotations

from django.utils.translation import gettext as _

from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.programmes.models import Programme


def area_within(*, area: Area, root_id: int) -> bool:
    current: Area | None = area
    for _depth in range(6):
        if current is None:
            return False
        if current.pk == root_id:
            return True
        current = current.parent
    return False


def buurt_in_programme(*, programme: Programme, area: Area, field: str = "buurt") -> None:
    """InvalidInput (400) unless the area is a buurt inside the programme's area."""
    if area.level != AreaLevel.NEIGHBOURHOOD or not area_within(
        area=area, root_id=programme.area_id
    ):
        message = _("Choose a neighbourhood (buurt) within the programme's area.")
        raise InvalidInput(message, errors=[{"field": field, "message": message}])

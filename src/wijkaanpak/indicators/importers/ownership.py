"""Imports respect ownership (docs/adr/0010-municipality-as-tenant.md): a municipality's
coordinators and administrators import figures only for areas inside their municipalities and
only into indicators those municipalities own, or national ones marked `municipal_import`.
The check runs on the staged values (one query over the staging table, one for the areas and
one for the indicators), before anything is merged; a file that touches anything else is
refused whole, naming each area and indicator with the first row it is on."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.areas.services import municipality_code
from wijkaanpak.core.exceptions import Forbidden
from wijkaanpak.indicators.importers.base import Parser
from wijkaanpak.indicators.importers.merge import STAGE
from wijkaanpak.indicators.models import Indicator


def check_ownership(
    cursor: Any, *, parser: Parser, file_name: str, municipalities: set[int]
) -> None:
    """Refuse (403) a staged file with areas outside `municipalities` or indicators that none
    of them owns and that are not importable by municipalities."""
    cursor.execute(
        f"SELECT area_id, indicator_id, MIN(row_no) FROM {STAGE}"  # noqa: S608 (a table name)
        " GROUP BY area_id, indicator_id"
    )
    first_row_of_area: dict[int, int] = {}
    first_row_of_indicator: dict[int, int] = {}
    for area_id, indicator_id, row in cursor.fetchall():
        first_row_of_area[area_id] = min(row, first_row_of_area.get(area_id, row))
        first_row_of_indicator[indicator_id] = min(
            row, first_row_of_indicator.get(indicator_id, row)
        )
    allowed_codes = set(Area.objects.filter(pk__in=municipalities).values_list("code", flat=True))
    problems: list[tuple[int, str, str]] = []
    for pk, code, level, parent, parent_level, grand, grand_level in Area.objects.filter(
        pk__in=first_row_of_area
    ).values_list(
        "pk",
        "code",
        "level",
        "parent__code",
        "parent__level",
        "parent__parent__code",
        "parent__parent__level",
    ):
        if _municipality_of(code, level, parent, parent_level, grand, grand_level) in allowed_codes:
            continue
        problems.append(
            (
                first_row_of_area[pk],
                parser.area_column,
                _(
                    "Area '%(code)s' is not in the municipality of your programme; you may "
                    "import figures only for the areas of your own municipality (a data "
                    "steward imports the others)"
                )
                % {"code": code},
            )
        )
    for pk, code, owner, importable in Indicator.objects.filter(
        pk__in=first_row_of_indicator
    ).values_list("pk", "code", "municipality_id", "municipal_import"):
        if owner in municipalities or (owner is None and importable):
            continue
        message = (
            _(
                "Indicator '%(code)s' is national and not open to imports by municipalities; "
                "only a data steward imports its figures"
            )
            if owner is None
            else _("Indicator '%(code)s' belongs to another municipality")
        )
        problems.append((first_row_of_indicator[pk], "indicator", message % {"code": code}))
    if not problems:
        return
    problems.sort(key=lambda p: (p[0], p[1]))
    for row, column, message in problems:
        parser.problems.add(message, row=row, column=column)
    raise Forbidden(
        _(
            "%(file)s: the file touches figures that are not your municipality's; nothing was imported"
        )
        % {"file": file_name},
        errors=parser.problems.errors,
    )


def _municipality_of(
    code: str,
    level: str,
    parent: str | None,
    parent_level: str | None,
    grand: str | None,
    grand_level: str | None,
) -> str | None:
    """The code of the area's gemeente (None for the country and areas outside one)."""
    for candidate, candidate_level in ((code, level), (parent, parent_level), (grand, grand_level)):
        if candidate is not None and candidate_level == AreaLevel.MUNICIPALITY:
            return candidate
    if level == AreaLevel.COUNTRY:
        return None
    return municipality_code(code)

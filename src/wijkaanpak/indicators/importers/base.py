"""The contract between a format's parser and the writer."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from django.utils.functional import Promise

from wijkaanpak.core.tabular import Limits, indicator_import_limits
from wijkaanpak.indicators.importers.common import IndicatorSpec, Problems

# (row, column, indicator code, area code, period, reference date or None, raw value, source)
Item = tuple[int, str, str, str, int, str | None, object, str]


class Parser:
    """Reads one file format and yields one item per value. Streaming: never the whole file."""

    #: The file defines its areas (CBS files carry codes and names): unknown areas are created
    #: and the division year is recorded. Other files are checked against the area registry.
    defines_areas = False
    #: The column that holds the area code, named in problems.
    area_column = "area"
    #: Unknown indicators may be created from `specs` (CBS and city monitor columns).
    creates_indicators = False
    expected: str | Promise = ""

    def __init__(
        self,
        stream: IO[bytes],
        *,
        problems: Problems,
        year: int | None,
        source: str,
        limits: Limits | None = None,
    ) -> None:
        self.stream = stream
        self.limits = limits or indicator_import_limits()
        self.problems = problems
        self.year = year
        self.source = source
        self.dutch = False
        self.specs: dict[str, IndicatorSpec] = {}
        self.area_names: dict[str, str] = {}
        #: Every area code of a file that defines areas (with `defines_areas`).
        self.area_codes: set[str] = set()
        #: The division year of the areas a file defines, when not the file's year.
        self.division_year: int | None = None
        self.rows_read = 0
        self.skipped: Counter[str] = Counter()
        self.skipped_examples: dict[str, list[int]] = {}

    def skip(self, reason: str, row: int) -> None:
        self.skipped[reason] += 1
        examples = self.skipped_examples.setdefault(reason, [])
        if len(examples) < 5:
            examples.append(row)

    def default_source(self) -> str:
        return self.source

    def items(self) -> Iterator[Item]:  # pragma: no cover - abstract
        raise NotImplementedError


class DerivedParser(Parser):
    """Values of a derived indicator (numerator / denominator x factor), computed from the
    current observations and written through the same staging and merge as a file."""

    def __init__(self, *, indicator: Any, problems: Problems) -> None:
        super().__init__(io.BytesIO(), problems=problems, year=None, source="")
        self.indicator = indicator

    def items(self) -> Iterator[Item]:
        from wijkaanpak.indicators.models import Observation

        ind = self.indicator
        source = f"Berekend: {ind.numerator.code} / {ind.denominator.code} x {ind.factor:g}"
        self.source = source
        current = Observation.objects.filter(is_current=True, value__isnull=False)
        numerators = {
            (a, p): v
            for a, p, v in current.filter(indicator_id=ind.numerator_id).values_list(
                "area__code", "period", "value"
            )
        }
        for area, period, d in current.filter(indicator_id=ind.denominator_id).values_list(
            "area__code", "period", "value"
        ):
            n = numerators.get((area, period))
            if n is None or not d:
                continue
            self.rows_read += 1
            yield 0, ind.code, ind.code, area, period, None, round(n / d * ind.factor, 4), source

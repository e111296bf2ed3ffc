"""Importers of indicator files: one parser per format, one writer for all."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.core.tabular import (
    TabularError,
    check_size,
    indicator_import_limits,
    size_text,
    stream_size,
)
from wijkaanpak.indicators.importers.base import Parser
from wijkaanpak.indicators.importers.cbs import KwbXlsxParser, ODataParser
from wijkaanpak.indicators.importers.common import Problems
from wijkaanpak.indicators.importers.monitor import CityMonitorParser, LongParser
from wijkaanpak.indicators.importers.writer import run_import

FORMATS = ("cbs-kwb-xlsx", "cbs-odata", "city-monitor", "long")


def area_names_for_monitor() -> dict[str, str]:
    """Area name → code: unique area names, overridden by the mapping table."""
    from wijkaanpak.areas.models import Area
    from wijkaanpak.indicators.models import AreaNameMapping

    pairs = list(Area.objects.values_list("name", "code"))
    counts = Counter(name.lower() for name, _ in pairs)
    names = {name: code for name, code in pairs if counts[name.lower()] == 1}
    names.update(AreaNameMapping.objects.values_list("name", "area__code"))
    names.setdefault("Nederland", "NL00")  # the country, recognised in every file
    return names


def read_properties(stream: IO[bytes] | None, file_name: str) -> list[dict[str, Any]] | None:
    if stream is None:
        return None
    limit = settings.INDICATOR_IMPORT_MAX_JSON_BYTES
    if stream_size(stream) > limit:
        message = _("The JSON file is larger than %(limit)s; save larger tables as CSV.") % {
            "limit": size_text(limit)
        }
        raise InvalidInput(
            message, errors=[{"file": file_name, "row": None, "column": None, "message": message}]
        )
    try:
        data = json.load(stream)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            _("The data properties file cannot be read"),
            errors=[{"file": file_name, "row": None, "column": None, "message": str(exc)}],
        ) from exc
    if isinstance(data, dict):
        data = data.get("value", [])
    if not isinstance(data, list):
        raise InvalidInput(
            _("The data properties file is not a list"),
            errors=[
                {"file": file_name, "row": None, "column": None, "message": _("expected a list")}
            ],
        )
    return [p for p in data if isinstance(p, dict)]


def import_file(
    *,
    stream: IO[bytes],
    file_name: str,
    fmt: str,
    year: int | None = None,
    source: str = "",
    dry_run: bool = False,
    by: Actor,
    properties: list[dict[str, Any]] | None = None,
    progress: Callable[[int], None] | None = None,
    keep_unchanged_run: bool = True,
    municipalities: set[int] | None = None,
) -> dict[str, Any]:
    if fmt not in FORMATS:
        raise InvalidInput(
            _("Unknown format '%(format)s'") % {"format": fmt},
            errors=[{"field": "format", "message": _("expected one of %s") % ", ".join(FORMATS)}],
        )
    limits = indicator_import_limits()
    try:
        check_size(stream, limits)
    except TabularError as exc:
        raise InvalidInput(
            _("%(file)s: the file cannot be imported") % {"file": file_name},
            errors=[{"file": file_name, "row": None, "column": None, "message": exc.message}],
        ) from exc
    problems = Problems(file_name=file_name)
    common: dict[str, Any] = {
        "problems": problems,
        "year": year,
        "source": source,
        "limits": limits,
    }
    parser: Parser
    if fmt == "cbs-kwb-xlsx":
        parser = KwbXlsxParser(stream, **common)
    elif fmt == "cbs-odata":
        parser = ODataParser(stream, properties=properties, **common)
    elif fmt == "city-monitor":
        parser = CityMonitorParser(stream, names=area_names_for_monitor(), **common)
    else:
        parser = LongParser(stream, **common)
    return run_import(
        parser=parser,
        fmt=fmt,
        file_name=file_name,
        source=source,
        dry_run=dry_run,
        by=by,
        progress=progress,
        keep_unchanged_run=keep_unchanged_run,
        municipalities=municipalities,
    )

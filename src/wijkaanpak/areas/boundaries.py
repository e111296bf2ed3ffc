"""Boundary importers: GeoJSON files of area outlines (CBS wijk- en buurtkaart, a gemeente's own
files) in WGS84 or RD New (EPSG:28992), transformed to WGS84 with pyproj, repaired with
Shapely's make_valid where possible, simplified and stored per division year.

Boundary files define areas (issue 18): a well-formed CBS code of the file's level that the
registry does not hold is created with the file's name and reported (`define=False` checks
against the registry instead). Everything happens in one transaction; on any error nothing is
written and every problem is named by its feature.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import IO, Any

import numpy as np
import shapely
from django.db import transaction
from pyproj import Transformer
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from wijkaanpak.areas.models import Area, AreaBoundary, AreaLevel
from wijkaanpak.areas.services import areas_define, municipality_code
from wijkaanpak.core.exceptions import InvalidInput

WGS84 = "EPSG:4326"
RD_NEW = "EPSG:28992"

#: Simplification tolerance in degrees (about 1.5 m in the Netherlands) and stored precision.
DEFAULT_TOLERANCE = 0.00002
PRECISION = 1e-6
#: Below this (square degrees, about 0.01 m²) a polygon has no area: its points lie on a line.
MIN_AREA = 1e-12

#: The code prefix of each level that boundary files carry.
LEVEL_PREFIX = {
    AreaLevel.MUNICIPALITY: "GM",
    AreaLevel.DISTRICT: "WK",
    AreaLevel.NEIGHBOURHOOD: "BU",
}
#: Local code length (without the gemeente digits) per level: "0111" buurt, "01" wijk.
LOCAL_LENGTH = {"BU": 4, "WK": 2}

#: Properties that carry the code and the name, in order of preference (CBS wijk- en
#: buurtkaart, PDOK, the files in the shared data folder, a gemeente's own files).
CODE_KEYS = (
    "statcode", "code", "WKC", "BUC", "GMC", "BU_CODE", "WK_CODE", "GM_CODE",
    "buurtcode", "wijkcode", "gemeentecode", "KODE", "CODE",
)  # fmt: skip
NAME_KEYS = {
    "BU": ("statnaam", "BU_NAAM", "buurtnaam", "BUN", "NAAM", "naam", "name"),
    "WK": ("statnaam", "WK_NAAM", "wijknaam", "WKN", "NAAM", "naam", "name"),
    "GM": ("statnaam", "GM_NAAM", "gemeentenaam", "GMN", "NAAM", "naam", "name"),
}

MAX_ERRORS = 50


@dataclass
class BoundaryReport:
    file: str
    level: str
    year: int
    projection: str
    features: int = 0
    stored: int = 0
    areas_created: list[str] = field(default_factory=list)
    #: "feature 3 (BU03440311): repaired (self-intersection)" per repaired feature.
    repaired: list[str] = field(default_factory=list)
    #: Features without an outline (empty geometry): the area is known, no outline stored.
    skipped: list[str] = field(default_factory=list)
    #: Features that were a further part of an area named before in the file (merged).
    merged: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "level": self.level,
            "year": self.year,
            "projection": self.projection,
            "features": self.features,
            "stored": self.stored,
            "areas_created": len(self.areas_created),
            "areas_added": self.areas_created[:500],
            "repaired": self.repaired,
            "skipped": self.skipped,
            "merged": self.merged,
        }


def detect_projection(collection: dict[str, Any], *, file_name: str) -> str:
    """WGS84 or RD New, from the `crs` member or else from the coordinate ranges; any other
    projection is refused."""
    crs = collection.get("crs")
    if isinstance(crs, dict):
        name = str((crs.get("properties") or {}).get("name") or "")
        if "28992" in name:
            return RD_NEW
        if "4326" in name or "CRS84" in name.upper():
            return WGS84
        raise InvalidInput(
            f"{file_name}: unknown projection {name!r}; expected WGS84 (EPSG:4326) or "
            "RD New (EPSG:28992).",
            errors=[{"field": "crs", "message": f"unknown projection {name!r}"}],
        )
    xs: list[float] = []
    ys: list[float] = []
    for feature in (collection.get("features") or [])[:20]:
        try:
            x0, y0, x1, y1 = shape(feature["geometry"]).bounds
        except Exception:  # noqa: BLE001 - a broken feature is named later, per feature
            continue
        xs += [x0, x1]
        ys += [y0, y1]
    if xs and _within(xs, ys, (2.5, 7.5), (50.5, 53.8)):
        return WGS84
    if xs and _within(xs, ys, (0, 300_000), (280_000, 630_000)):
        return RD_NEW
    raise InvalidInput(
        f"{file_name}: unknown projection: the file has no `crs` member and its coordinates are "
        "neither WGS84 nor RD New (EPSG:28992) coordinates in the Netherlands.",
        errors=[{"field": "crs", "message": "unknown projection"}],
    )


def _within(
    xs: list[float], ys: list[float], x: tuple[float, float], y: tuple[float, float]
) -> bool:
    return x[0] <= min(xs) and max(xs) <= x[1] and y[0] <= min(ys) and max(ys) <= y[1]


def feature_code(
    properties: dict[str, Any], *, prefix: str, municipality: str | None
) -> tuple[str | None, str | None]:
    """(CBS code, name) of a feature. A local code (Utrecht's `KODE` "0111") becomes a CBS code
    with the gemeente's digits (`municipality` GM0344 → BU03440111)."""
    code: str | None = None
    for key in CODE_KEYS:
        value = properties.get(key)
        if value is None or str(value).strip() == "":
            continue
        text = str(value).strip().upper()
        if text.startswith(prefix):
            code = text
            break
        digits = LOCAL_LENGTH.get(prefix)
        if municipality and digits and text.isdigit() and len(text) == digits:
            code = prefix + municipality[2:6] + text
            break
    name = None
    for key in NAME_KEYS[prefix]:
        value = properties.get(key)
        if isinstance(value, str) and value.strip():
            name = value.strip()[:200]
            break
    return code, name


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """The polygons of a geometry (make_valid may add lines or points where a ring folds)."""
    parts = [
        g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")
    ]
    if not parts:
        return shapely.MultiPolygon()
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]


def clean_geometry(
    raw: Any, *, transformer: Transformer | None, tolerance: float
) -> tuple[dict[str, Any] | None, str | None]:
    """The stored GeoJSON geometry (WGS84, simplified, 6 decimals) and a repair note (None and
    a note for an empty geometry), or ValueError with the reason it cannot be used."""
    if not isinstance(raw, dict) or raw.get("type") not in ("Polygon", "MultiPolygon"):
        kind = raw.get("type") if isinstance(raw, dict) else None
        raise ValueError(f"expected a Polygon or MultiPolygon, got {kind!r}")
    try:
        geom = shape(raw)
    except Exception as exc:  # noqa: BLE001 - Shapely/GEOS raise several kinds
        raise ValueError(f"not a readable polygon ({exc})") from exc
    if geom.is_empty:
        return None, "no outline in the file (empty geometry): not stored"
    if transformer is not None:
        geom = shapely.transform(geom, lambda xy: _transform(transformer, xy))
    note = None
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        geom = _polygonal(shapely.make_valid(geom))
        if geom.is_empty or geom.area < MIN_AREA:
            raise ValueError(f"invalid polygon that cannot be repaired ({reason})")
        note = f"repaired ({reason})"
    elif geom.area < MIN_AREA:
        raise ValueError("polygon without area (its points lie on a line): cannot be repaired")
    simple = geom.simplify(tolerance, preserve_topology=True) if tolerance > 0 else geom
    simple = shapely.transform(simple, _rounded)  # 6 decimals, about 0.1 m
    if simple.is_empty or not simple.is_valid:
        simple = shapely.set_precision(geom, PRECISION)
    if simple.is_empty:
        raise ValueError("polygon too small to store")
    return _geojson(simple), note


def _rounded(xy: Any) -> Any:
    return np.round(xy, 6)


def _geojson(geom: BaseGeometry) -> dict[str, Any]:
    """The GeoJSON geometry (GEOS writes it; much faster than Shapely's mapping)."""
    out: dict[str, Any] = json.loads(shapely.to_geojson(geom))
    return out


def _merged(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    if a is None or b is None:
        return a or b
    return _geojson(_polygonal(shapely.make_valid(shapely.union(shape(a), shape(b)))))


def _transform(transformer: Transformer, xy: Any) -> Any:
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def boundaries_import(
    stream: IO[bytes],
    *,
    file_name: str,
    year: int,
    level: AreaLevel | str,
    source: str = "",
    municipality: str | None = None,
    define: bool = True,
    tolerance: float = DEFAULT_TOLERANCE,
) -> BoundaryReport:
    """Import the outlines of a GeoJSON FeatureCollection for division `year` at `level`
    (gemeente, wijk, buurt). Refuses the whole file, nothing written, with each feature named,
    on: an unknown projection, a feature without a code of that level, a polygon that cannot be
    repaired, (with `define=False`) a code the registry does not hold, and a code that is not in
    the registry's `year` division of its gemeente."""
    level = AreaLevel(level)
    if level not in LEVEL_PREFIX:
        raise InvalidInput(
            f"Boundaries are imported per gemeente, wijk or buurt, not {level.value!r}.",
            errors=[{"field": "level"}],
        )
    if not 1900 <= year <= 2100:
        raise InvalidInput(f"Division year {year} is out of range.", errors=[{"field": "year"}])
    prefix = LEVEL_PREFIX[level]
    municipality = municipality.strip().upper() if municipality else None
    try:
        collection = json.load(stream)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{file_name}: not a JSON file ({exc}).") from exc
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise InvalidInput(f"{file_name}: expected a GeoJSON FeatureCollection.")
    projection = detect_projection(collection, file_name=file_name)
    transformer = (
        Transformer.from_crs(RD_NEW, WGS84, always_xy=True) if projection == RD_NEW else None
    )
    report = BoundaryReport(file=file_name, level=level.value, year=year, projection=projection)
    errors: list[dict[str, object]] = []
    geometries: dict[str, dict[str, Any] | None] = {}
    names: dict[str, str] = {}
    first_index: dict[str, int] = {}

    def fail(index: int, code: str | None, message: str) -> None:
        label = f"feature {index}" + (f" ({code})" if code else "")
        errors.append({"feature": index, "code": code, "message": f"{label}: {message}"})

    features = collection.get("features") or []
    collection = {}  # the geometries are held as cleaned copies only
    for index, feature in enumerate(features, start=1):
        report.features += 1
        props = feature.get("properties") or {} if isinstance(feature, dict) else {}
        code, name = feature_code(props, prefix=prefix, municipality=municipality)
        if code is None:
            shown = {k: props[k] for k in list(props)[:4]}
            fail(
                index, None, f"no {level.value} code (expected a code starting {prefix}) in {shown}"
            )
        else:
            try:
                geometry, note = clean_geometry(
                    feature.get("geometry"), transformer=transformer, tolerance=tolerance
                )
            except ValueError as exc:
                fail(index, code, str(exc))
            else:
                if code in geometries:  # a second part of the same area (CBS 2016: WK191104)
                    geometry = _merged(geometries[code], geometry)
                    note = f"a further part of feature {first_index[code]}, merged with it"
                    report.merged += 1
                else:
                    first_index[code] = index
                geometries[code] = geometry
                if note and geometry is None:
                    report.skipped.append(f"feature {index} ({code}): {note}")
                elif note:
                    report.repaired.append(f"feature {index} ({code}): {note}")
                if name:
                    names[code] = name
        features[index - 1] = None  # free the raw geometry as we go
        if len(errors) >= MAX_ERRORS:
            break
    if not errors:
        errors = _registry_check(set(geometries), year=year, define=define)
    if errors:
        raise InvalidInput(
            f"{file_name}: {len(errors)} problem(s); nothing was imported. {errors[0]['message']}",
            errors=errors,
        )
    with transaction.atomic():
        known = dict(Area.objects.filter(code__in=list(geometries)).values_list("code", "id"))
        if define:
            report.areas_created = areas_define(
                codes=set(geometries), names=names, year=year, known=known
            )
        ids = [known[c] for c, g in geometries.items() if g is not None]
        for start in range(0, len(ids), 2000):
            AreaBoundary.objects.filter(
                area_id__in=ids[start : start + 2000], division_year=year
            ).delete()
        AreaBoundary.objects.bulk_create(
            (
                AreaBoundary(area_id=known[c], division_year=year, geometry=g, source=source)
                for c, g in geometries.items()
                if g is not None
            ),
            batch_size=1000,
        )
        report.stored = len(ids)
    return report


def _registry_check(codes: set[str], *, year: int, define: bool) -> list[dict[str, object]]:
    """Codes the registry does not hold (unless the import defines areas), and codes of another
    division year: the registry holds the gemeente's `year` division but not the area in it."""
    errors: list[dict[str, object]] = []
    held: dict[str, tuple[int | None, int | None]] = {}
    wanted = sorted(codes | {m for c in codes if (m := municipality_code(c))})
    for start in range(0, len(wanted), 2000):
        for code, first, last in Area.objects.filter(
            code__in=wanted[start : start + 2000]
        ).values_list("code", "first_division_year", "division_year"):
            held[code] = (first, last)
    for code in sorted(codes):
        if code not in held:
            if not define:
                errors.append(
                    {
                        "code": code,
                        "message": f"{code}: not in the area registry; import the file that "
                        "defines it first",
                    }
                )
            continue
        gm = held.get(municipality_code(code) or "")
        first, last = held[code]
        in_gm = bool(gm and gm[0] and gm[1] and gm[0] <= year <= gm[1])
        if in_gm and first and last and not first <= year <= last:
            errors.append(
                {
                    "code": code,
                    "message": f"{code}: not in the {year} division of the area registry "
                    f"(it is in the division of {first}–{last}); expected a code of the "
                    f"{year} division",
                }
            )
    return errors[:MAX_ERRORS]

"""Writes utrecht_boundaries.json (the demo's outlines) from the public boundary files of
gemeente Utrecht (2013, WGS84; see README.md). Run by hand, not by the app:

    PYTHONPATH=src python src/wijkaanpak/areas/demo_data/build_boundaries.py /path/to/shared/data
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

#: About 10 m: enough for a city map, and the file stays small.
TOLERANCE = 0.0001

FILES = [
    ("utrecht_gemeentegrens_2013_wgs84.geojson", "GM", 0),
    ("utrecht_gemeente_wijken_2013_wgs84.geojson", "WK", 2),
    ("utrecht_gemeente_buurten_2013_wgs84.geojson", "BU", 4),
]


def build(folder: Path) -> dict[str, Any]:
    from wijkaanpak.areas.boundaries import clean_geometry

    out: dict[str, Any] = {}
    for name, prefix, digits in FILES:
        data = json.loads((folder / name).read_text())
        for feature in data["features"]:
            kode = str(feature["properties"]["KODE"])
            code = "GM0344" if prefix == "GM" else f"{prefix}0344{kode.zfill(digits)}"
            geometry, _ = clean_geometry(feature["geometry"], transformer=None, tolerance=TOLERANCE)
            if geometry is not None:
                out[code] = _five(geometry)
    return out


def _five(geometry: dict[str, Any]) -> dict[str, Any]:
    """Five decimals (about 1 m) are plenty after a 10 m simplification."""

    def r(v: Any) -> Any:
        return round(v, 5) if isinstance(v, float) else [r(x) for x in v]

    return {"type": geometry["type"], "coordinates": r(geometry["coordinates"])}


if __name__ == "__main__":
    areas = build(Path(sys.argv[1]))
    target = Path(__file__).parent / "utrecht_boundaries.json"
    target.write_text(json.dumps(areas, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"{len(areas)} outlines, {target.stat().st_size} bytes")

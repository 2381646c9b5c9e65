"""A generated 200 x 200-cell geo scenario for the load-time budget (written to a temp file)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import yaml

SMALL = Path(__file__).resolve().parents[1] / "data" / "geo_small.yaml"


def big_scenario(tmp: Path, *, n_points: int = 80) -> Path:
    """geo_small.yaml scaled to a 40 x 40 km frame at 200 m cells (200 x 200) with many control points."""
    data = yaml.safe_load(SMALL.read_text())
    geo = data["map"]["geo"]
    south, west = 39.60, 46.60
    north = south + 40_000 / 111_320
    east = west + 40_000 / (111_320 * math.cos(math.radians((south + north) / 2)))
    geo["bounds"] = {"south": south, "west": west, "north": north, "east": east}
    rng = np.random.default_rng(7)
    lat = rng.uniform(south, north, n_points)
    lon = rng.uniform(west, east, n_points)
    elev = rng.uniform(600, 2200, n_points)
    geo["elevation"]["points"] += [
        {"lat": float(a), "lon": float(b), "elevation_m": float(e)} for a, b, e in zip(lat, lon, elev, strict=True)
    ]
    geo["elevation"]["lines"].append(
        {"label": "long ridge", "points": [[south + 0.05, west + 0.02, 2000], [north - 0.05, east - 0.02, 1000]]})
    geo["elevation"]["noise_m"] = 20
    geo["elevation"]["smooth_cells"] = 1
    geo["terrain_areas"].append({"terrain": "forest", "polygon": [
        [float(a), float(b)] for a, b in zip(rng.uniform(south, north, 200), rng.uniform(west, east, 200),
                                             strict=True)]})
    path = tmp / "big.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path

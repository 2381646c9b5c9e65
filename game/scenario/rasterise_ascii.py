"""Rasterise an ASCII map (one character per cell, digit elevations) into a Grid.

Example: rows ``["..F", "..F"]`` with legend ``{".": open, "F": forest}`` give a 2 x 3 grid whose last
column is forest; the frame starts at ``origin`` (the NW corner) so lat/lon conversions work too.
"""

from __future__ import annotations

import math

import numpy as np

from game.core.geo import M_PER_DEG_LAT, GeoFrame
from game.core.grid import ROAD_PAVED, Grid
from game.core.terrain import TerrainTable
from game.scenario.cliffs import cliffs_from_steps
from game.scenario.errors import Reporter
from game.scenario.schema import AsciiMapSpec

BASE = ("map", "ascii")


def ascii_frame(spec: AsciiMapSpec, rows: int, cols: int) -> GeoFrame:
    """The lat/lon frame of a rows x cols ASCII map whose NW corner is ``spec.origin``."""
    north, west = spec.origin
    south = north - rows * spec.cell_size_m / M_PER_DEG_LAT
    m_per_deg_lon = M_PER_DEG_LAT * math.cos(math.radians((south + north) / 2))
    east = west + cols * spec.cell_size_m / m_per_deg_lon
    return GeoFrame(south=south, west=west, north=north, east=east, cell_m=spec.cell_size_m)


def build_ascii_grid(spec: AsciiMapSpec, table: TerrainTable, rep: Reporter) -> Grid | None:
    """Build the Grid of an ASCII map; returns None (with problems in ``rep``) when it cannot."""
    n_before = len(rep.problems)
    rows, cols = len(spec.rows), len(spec.rows[0])
    codes = np.zeros(256, dtype=np.int16) - 1
    for ch, tid in spec.legend.items():
        if tid not in table.ids:
            rep.add((*BASE, "legend", ch), f"unknown terrain {tid!r} (known: {', '.join(table.ids)})")
        elif ord(ch) < 256:
            codes[ord(ch)] = table.index(tid)
        else:
            rep.add((*BASE, "legend", ch), "legend characters must be ASCII or Latin-1")
    if spec.road_char is not None and spec.road_char not in spec.legend:
        rep.add((*BASE, "road_char"), f"road character {spec.road_char!r} is not in the legend; "
                                      "give it a terrain (e.g. open) too")
    chars = _char_array(spec.rows, cols, "rows", rep)
    elev = np.full((rows, cols), spec.elevation_base_m, dtype=np.float32)
    if spec.elevation_rows is not None:
        digits = _char_array(spec.elevation_rows, cols, "elevation_rows", rep)
        if len(spec.elevation_rows) != rows:
            rep.add((*BASE, "elevation_rows"),
                    f"expected {rows} rows (as many as map.ascii.rows), got {len(spec.elevation_rows)}")
        elif digits is not None:
            bad = (digits < ord("0")) | (digits > ord("9"))
            _report_cells(bad, digits, "elevation_rows", "is not a digit 0-9", rep)
            elev = (spec.elevation_base_m + (digits - ord("0")) * spec.elevation_step_m).astype(np.float32)
    if chars is None:
        return None
    terrain = np.where(chars < 256, codes[np.minimum(chars, 255)], -1)
    _report_cells(terrain < 0, chars, "rows", "is not in the legend", rep)
    if len(rep.problems) > n_before:
        return None
    road = np.zeros((rows, cols), dtype=np.uint8)
    if spec.road_char is not None:
        road[chars == ord(spec.road_char)] = ROAD_PAVED
    grid = Grid(frame=ascii_frame(spec, rows, cols), table=table, terrain=terrain.astype(np.uint8),
                elevation=elev, road=road, river=np.zeros((rows, cols), dtype=bool),
                cliff=np.zeros((rows, cols), dtype=np.uint8),
                settlement=np.full((rows, cols), -1, dtype=np.int16))
    if spec.cliff_threshold_m is not None:
        cliffs_from_steps(grid.elevation, spec.cliff_threshold_m, grid.cliff)
    return grid


def _char_array(lines: list[str], cols: int, key: str, rep: Reporter) -> np.ndarray | None:
    """Code points of equal-length lines as an int array, or None (with problems) if lengths differ."""
    ok = True
    for i, line in enumerate(lines):
        if len(line) != cols:
            rep.add((*BASE, key, i), f"expected {cols} characters like the first map row, got {len(line)}")
            ok = False
    if not ok:
        return None
    return np.array([[ord(ch) for ch in line] for line in lines], dtype=np.int64)


def _report_cells(bad: np.ndarray, chars: np.ndarray, key: str, what: str, rep: Reporter) -> None:
    """One problem per offending row (first bad character), listing the characters."""
    for r in np.flatnonzero(bad.any(axis=1)):
        cs = np.flatnonzero(bad[r])
        found = sorted({chr(int(chars[r, c])) for c in cs})
        rep.add((*BASE, key, int(r)),
                f"character {', '.join(repr(ch) for ch in found)} at column {int(cs[0])} {what}")

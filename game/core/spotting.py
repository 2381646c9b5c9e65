"""Which enemy units a side has spotted: sight lines, range, light, weather and concealment."""

from __future__ import annotations

import math

import numpy as np

from game.core.grid import Grid
from game.core.los import viewshed, window_origin
from game.core.units import Unit, UnitType


def sight_radius_cells(utype: UnitType, grid: Grid, light: float) -> int:
    """Viewing radius in cells for a unit type under a light/weather factor (0..1)."""
    return max(1, int(utype.spotting_m * light / grid.cell_m))


def detection_factor(grid: Grid, target: Unit, active: bool) -> float:
    """How far (as a share of spotting range) a target can be detected: concealment hides, activity shows."""
    factor = 1.0 - 0.6 * float(grid.concealment[target.pos])
    if active or target.climbing:
        factor = min(1.0, factor * 1.5)
    return factor


def spotted_units(
    grid: Grid,
    observers: list[Unit],
    targets: list[Unit],
    types: dict[str, UnitType],
    light: float,
    active_ids: set[str],
    cache: dict[tuple[tuple[int, int], int], np.ndarray] | None = None,
) -> tuple[np.ndarray, list[str]]:
    """Return (cells the observers see, ids of targets spotted, in target order).

    A target is spotted by an observer that has a sight line to its cell and is within that
    observer's spotting range x light x :func:`detection_factor`. Adjacent targets are always spotted.
    ``cache`` keeps viewsheds by (cell, radius) between calls (the terrain never changes).
    """
    seen = np.zeros(grid.shape, dtype=bool)
    spotted: set[str] = set()
    for o in observers:
        if o.routed:
            continue
        radius = sight_radius_cells(types[o.type_id], grid, light)
        key = (o.pos, radius)
        vs = cache.get(key) if cache is not None else None
        if vs is None:
            vs = viewshed(grid, o.pos, radius)
            if cache is not None:
                if len(cache) > 4096:
                    cache.clear()
                cache[key] = vs
        top, left = window_origin(grid, o.pos, radius)
        seen[top:top + vs.shape[0], left:left + vs.shape[1]] |= vs
        for t in targets:
            if t.id in spotted:
                continue
            if max(abs(o.row - t.row), abs(o.col - t.col)) <= 1:
                spotted.add(t.id)
                continue
            r, c = t.row - top, t.col - left
            if not (0 <= r < vs.shape[0] and 0 <= c < vs.shape[1]) or not vs[r, c]:
                continue
            reach = radius * detection_factor(grid, t, t.id in active_ids)
            if math.hypot(o.row - t.row, o.col - t.col) <= reach:
                spotted.add(t.id)
    return seen, [t.id for t in targets if t.id in spotted]

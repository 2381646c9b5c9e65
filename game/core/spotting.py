"""Which enemy units a side has spotted: sight lines, range, light, weather and concealment.

A target is spotted by an observer that has a sight line to its cell and is within that observer's
spotting range x light x :func:`detection_factor`. Adjacent targets are always spotted. The
:class:`Spotter` keeps, per side, what each observer sees, and recomputes only the observers and
targets touched since the last query (viewsheds are cached by cell and radius: the terrain is fixed, so
every game on the same grid shares them).
"""

from __future__ import annotations

import numpy as np

from game.core.grid import Grid
from game.core.los import line_of_sight, viewshed, window_origin
from game.core.memo import clear_memo, frozen, memoised
from game.core.params import RuleParams
from game.core.units import Unit, UnitType

VS_CACHE_MAX = 16384  # viewsheds kept per grid (about 1 KB each at 3 km and 200 m cells)


def sight_radius_cells(utype: UnitType, grid: Grid, light: float) -> int:
    """Viewing radius in cells for a unit type under a light/weather factor (0..1), never wider than the map."""
    return max(1, min(int(utype.spotting_m * light / grid.cell_m), max(grid.shape)))


def detection_factor(grid: Grid, params: RuleParams, target: Unit) -> float:
    """How far (as a share of spotting range) a target can be detected: concealment hides, activity shows."""
    factor = 1.0 - params.concealment_effect * float(grid.concealment[target.pos])
    if target.active or target.climbing:
        factor = min(1.0, factor * params.activity_detection)
    return factor


class Spotter:
    """Per-side spotting with incremental updates: ``touch`` what changed, ``reset`` when light changes."""

    def __init__(self, grid: Grid, types: dict[str, UnitType], params: RuleParams) -> None:
        self.grid = grid
        self.types = types
        self.params = params
        self._rows: dict[str, dict[str, set[str]]] = {}  # side -> observer id -> target ids it spots
        self._dirty: dict[str, set[str]] = {}

    def reset(self) -> None:
        """Forget everything (new turn: light, weather and activity changed)."""
        self._rows.clear()
        self._dirty.clear()

    def clear_viewsheds(self) -> None:
        clear_memo(self.grid, "viewshed")
        self.reset()

    def touch(self, unit_id: str) -> None:
        """A unit moved, died, routed, rallied, fired or started climbing."""
        for dirty in self._dirty.values():
            dirty.add(unit_id)

    def window(self, o: Unit, light: float) -> tuple[np.ndarray, int, int, int]:
        """The observer's viewshed (cached) with its top-left cell and radius."""
        radius = sight_radius_cells(self.types[o.type_id], self.grid, light)
        pos, grid = o.pos, self.grid
        vs = memoised(grid, "viewshed", (pos, radius), lambda: frozen(viewshed(grid, pos, radius)), limit=VS_CACHE_MAX)
        top, left = window_origin(self.grid, o.pos, radius)
        return vs, top, left, radius

    def _row(self, o: Unit, targets: list[Unit], light: float) -> set[str]:
        """Target ids one observer spots (vectorised over targets)."""
        if not targets:
            return set()
        tr = np.fromiter((t.row for t in targets), dtype=np.int64, count=len(targets))
        tc = np.fromiter((t.col for t in targets), dtype=np.int64, count=len(targets))
        dr, dc = tr - o.row, tc - o.col
        hit = np.maximum(np.abs(dr), np.abs(dc)) <= 1
        if not o.routed:
            vs, top, left, radius = self.window(o, light)
            r, c = tr - top, tc - left
            inside = (r >= 0) & (r < vs.shape[0]) & (c >= 0) & (c < vs.shape[1])
            idx = np.nonzero(inside)[0]
            if idx.size:
                factor = np.array([detection_factor(self.grid, self.params, targets[i]) for i in idx])
                hit[idx] |= vs[r[idx], c[idx]] & (np.hypot(dr[idx], dc[idx]) <= radius * factor)
        return {t.id for t, h in zip(targets, hit, strict=True) if h}

    def sees_cell(self, o: Unit, cell: tuple[int, int], light: float) -> bool:
        """Whether observer ``o`` has a sight line to ``cell``: the one rule for spotting, direct fire and
        the tooltip (adjacent cells always; else its viewshed, or a sight line beyond its viewing radius)."""
        if max(abs(cell[0] - o.row), abs(cell[1] - o.col)) <= 1:
            return True
        vs, top, left, radius = self.window(o, light)
        dr, dc = cell[0] - o.row, cell[1] - o.col
        if dr * dr + dc * dc <= radius * radius:
            return bool(vs[cell[0] - top, cell[1] - left])
        return line_of_sight(self.grid, o.pos, cell)

    def spots(self, o: Unit, t: Unit, light: float) -> bool:
        """Whether observer ``o`` spots target ``t`` (the rule of :meth:`_row` for one pair, without numpy)."""
        dr, dc = t.row - o.row, t.col - o.col
        if max(abs(dr), abs(dc)) <= 1:
            return True
        if o.routed:
            return False
        vs, top, left, radius = self.window(o, light)
        r, c = t.row - top, t.col - left
        if not (0 <= r < vs.shape[0] and 0 <= c < vs.shape[1]) or not vs[r, c]:
            return False
        return (dr * dr + dc * dc) ** 0.5 <= radius * detection_factor(self.grid, self.params, t)

    def spots_any(self, observers: list[Unit], target: Unit, light: float) -> bool:
        """Whether any of ``observers`` spots ``target`` (computed afresh, e.g. for a unit just destroyed)."""
        return any(self.spots(o, target, light) for o in observers)

    def spotted(self, side: str, observers: list[Unit], targets: list[Unit], light: float) -> list[str]:
        """Ids of ``targets`` spotted by ``side``'s ``observers``, in target order."""
        rows = self._rows.get(side)
        dirty = self._dirty.get(side, set())
        if rows is None:
            rows = {o.id: self._row(o, targets, light) for o in observers}
        else:
            by_id = {t.id: t for t in targets}
            current = {o.id for o in observers}
            for oid in [k for k in rows if k not in current]:
                del rows[oid]
            for o in observers:
                if o.id in dirty or o.id not in rows:
                    rows[o.id] = self._row(o, targets, light)
            for tid in dirty:
                t = by_id.get(tid)
                for o in observers:
                    if o.id in dirty:
                        continue
                    if t is not None and self.spots(o, t, light):
                        rows[o.id].add(tid)
                    else:
                        rows[o.id].discard(tid)
        self._rows[side] = rows
        self._dirty[side] = set()
        seen_ids: set[str] = set().union(*rows.values()) if rows else set()
        return [t.id for t in targets if t.id in seen_ids]

    def visible_cells(self, observers: list[Unit], light: float) -> np.ndarray:
        """Union of the observers' viewsheds: the cells a side can see (fog of war)."""
        seen = np.zeros(self.grid.shape, dtype=bool)
        for o in observers:
            if o.routed:
                continue
            vs, top, left, _ = self.window(o, light)
            seen[top:top + vs.shape[0], left:left + vs.shape[1]] |= vs
        return seen

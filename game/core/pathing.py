"""Movement costs and path queries (tcod) on the grid, per movement class.

Costs are whole seconds for one step *into* a cell; ``costs[k, r, c]`` is the time to step from
``(r, c) - DIRS[k]`` into ``(r, c)``, 0 where that step is impossible (impassable terrain, cliff edge,
slope too steep, off-road for road-bound classes, map edge).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import tcod.path

from game.core.grid import DIRS, Grid
from game.core.memo import frozen, memoised
from game.core.steps import path_seconds, step_seconds
from game.core.terrain import MoveClass

Cell = tuple[int, int]
UNREACHABLE = np.iinfo(np.int32).max


def tobler_kmh(slope: np.ndarray) -> np.ndarray:
    """Tobler's hiking function: walking speed (km/h) on a path for a slope dh/dx.

    Example: ``tobler_kmh(np.array([0.0]))`` is about 5.04 km/h; -0.05 (gentle descent) gives 6.
    """
    return 6.0 * np.exp(-3.5 * np.abs(slope + 0.05))


def _shifted(a: np.ndarray, dr: int, dc: int, fill: float) -> np.ndarray:
    """Return ``b`` with ``b[r, c] = a[r - dr, c - dc]`` (``fill`` where that is off the grid)."""
    b = np.full_like(a, fill)
    rows, cols = a.shape
    b[max(dr, 0):rows + min(dr, 0), max(dc, 0):cols + min(dc, 0)] = \
        a[max(-dr, 0):rows + min(-dr, 0), max(-dc, 0):cols + min(-dc, 0)]
    return b


def step_costs(grid: Grid, mc: MoveClass, *, speed_factor: float, road_only: bool,
               climb_s_per_m: float | None = None) -> np.ndarray:
    """Seconds per step under ``speed_factor`` (darkness, weather): the clear-day costs scaled."""
    return scale_costs(shared_step_seconds(grid, mc, road_only=road_only, climb_s_per_m=climb_s_per_m),
                       speed_factor)


def shared_step_seconds(grid: Grid, mc: MoveClass, *, road_only: bool,
                        climb_s_per_m: float | None = None) -> np.ndarray:
    """:func:`base_step_seconds`, computed once per grid and kept (read-only) for every game on it."""
    return memoised(grid, "base_step_seconds", (mc, road_only, climb_s_per_m), lambda: frozen(
        base_step_seconds(grid, mc, road_only=road_only, climb_s_per_m=climb_s_per_m)))


def shared_graph(grid: Grid, mc: MoveClass, *, speed_factor: float, road_only: bool) -> MoveGraph:
    """The movement graph of ``mc`` under ``speed_factor``, built once per grid (its costs read-only). Scaling keeps
    every possible step possible and no other, so the graphs of one class share their ``pattern``."""
    base = shared_step_seconds(grid, mc, road_only=road_only)
    return memoised(grid, "move_graph", (mc, speed_factor, road_only),
                    lambda: MoveGraph(frozen(scale_costs(base, speed_factor)), pattern=base))


def scale_costs(base: np.ndarray, speed_factor: float) -> np.ndarray:
    """Whole seconds of ``base`` (float seconds at speed factor 1) slowed by ``speed_factor``; 0 stays 0."""
    return np.where(base > 0, np.ceil(base / max(speed_factor, 1e-3)), 0).clip(0, 10**8).astype(np.int32)


def base_step_seconds(grid: Grid, mc: MoveClass, *, road_only: bool,
                      climb_s_per_m: float | None = None) -> np.ndarray:
    """Float seconds per step into each cell from each of the 8 directions at speed factor 1, (8, rows, cols).

    With ``climb_s_per_m`` cliff edges are not blocked but cost that many seconds per metre of height
    (at least two hours): a planning graph for units that can climb.
    """
    elev = grid.elevation.astype(np.float64)
    on_road = grid.road > 0
    terrain_speed = grid.table.speed[mc.id][grid.terrain].astype(np.float64)
    out = np.zeros((8,) + grid.shape, dtype=np.float64)
    for k, (dr, dc) in enumerate(DIRS):
        dist_m = grid.cell_m * (math.sqrt(2.0) if dr and dc else 1.0)
        src_elev = _shifted(elev, dr, dc, np.nan)
        slope = (elev - src_elev) / dist_m
        src_road = _shifted(on_road, dr, dc, False)
        road_step = on_road & src_road
        if mc.tobler:
            kmh = np.where(road_step, tobler_kmh(slope), tobler_kmh(slope) * terrain_speed)
            ok = (np.abs(slope) <= mc.max_slope) | road_step
        else:
            steep = np.clip(1.0 - np.abs(slope) * 1.5, 0.2, 1.0)
            kmh = np.where(road_step, mc.road_kmh * steep, mc.offroad_kmh * terrain_speed * steep)
            ok = road_step | (np.abs(slope) <= mc.max_slope)
            if road_only or mc.road_only:
                ok &= road_step
            ok &= ~grid.river | road_step  # vehicles cross rivers on bridges only
        ok &= terrain_speed > 0
        ok |= road_step & ~np.isnan(slope)  # a road is passable whatever the terrain under it
        if mc.tobler:
            kmh = np.where(grid.river & ~road_step, kmh * 0.5, kmh)  # wading a mountain stream
        ok &= ~np.isnan(slope)
        src_cliff = _shifted(grid.cliff, dr, dc, 0)
        cliff = (src_cliff & np.uint8(1 << k)) != 0
        kmh = np.maximum(kmh, 0.05)
        secs = np.where(ok, dist_m / (kmh / 3.6), 0.0)
        if climb_s_per_m is None:
            secs = np.where(cliff, 0, secs)
        else:
            climb = np.maximum(7200.0, climb_s_per_m * np.abs(elev - np.nan_to_num(src_elev)))
            secs = np.where(cliff & ~np.isnan(src_elev) & (terrain_speed > 0), climb, secs)
        out[k] = np.round(secs, 3)  # whole milliseconds: a last-bit difference in exp (CPU-specific) changes nothing
    return out


@dataclass
class MoveGraph:
    """Step costs of one movement class under one light/weather condition, with tcod queries."""

    costs: np.ndarray  # (8, rows, cols) int32 seconds, 0 = impossible
    # shared by graphs whose possible steps (costs > 0) are the same: one class's graphs under any speed factor
    pattern: object | None = field(default=None, compare=False, repr=False)
    memo: dict[str, dict[Any, Any]] = field(init=False, default_factory=dict, repr=False, compare=False)  # game.core.memo

    @property
    def shape(self) -> tuple[int, int]:
        return self.costs.shape[1:]  # type: ignore[return-value]

    def _graph(self, blocked: np.ndarray | None) -> tcod.path.CustomGraph:
        g = tcod.path.CustomGraph(self.shape)
        for k, d in enumerate(DIRS):
            c = self.costs[k]
            if blocked is not None:
                c = np.where(blocked, 0, c)
            g.add_edge(d, 1, cost=c)
        return g

    def step_cost(self, a: Cell, b: Cell) -> int:
        """Seconds for one step from ``a`` to the adjacent ``b``; 0 when impossible."""
        return step_seconds(self.costs, (int(a[0]), int(a[1])), (int(b[0]), int(b[1])))

    def path(self, start: Cell, goal: Cell, blocked: np.ndarray | None = None) -> list[Cell] | None:
        """Cheapest path from ``start`` to ``goal`` inclusive of both, or None if there is none (A*)."""
        if start == goal:
            return [start]
        g = self._graph(blocked)
        positive = self.costs[self.costs > 0]
        if positive.size:
            lo = int(positive.min())
            g.set_heuristic(cardinal=lo, diagonal=lo)
        pf = tcod.path.Pathfinder(g)
        pf.add_root(start)
        pts = pf.path_to(goal)
        if len(pts) < 2 or tuple(pts[-1]) != tuple(goal):
            return None
        return [(int(r), int(c)) for r, c in pts]

    def reach(self, start: Cell, blocked: np.ndarray | None = None) -> np.ndarray:
        """Seconds from ``start`` to every cell (``UNREACHABLE`` where it cannot go), Dijkstra."""
        pf = tcod.path.Pathfinder(self._graph(blocked))
        pf.add_root(start)
        pf.resolve()
        return pf.distance.astype(np.int64).clip(max=UNREACHABLE)

    def distance_to(self, goal: Cell) -> np.ndarray:
        """Seconds from every cell *to* ``goal`` (reverse Dijkstra), ``UNREACHABLE`` where impossible."""
        g = tcod.path.CustomGraph(self.shape)
        for k, (dr, dc) in enumerate(DIRS):
            # reverse step v -> u (dir -d) costs the forward step u -> v, i.e. costs[k][v] with u = v - d
            rev = _shifted(self.costs[k], -dr, -dc, 0)
            g.add_edge((-dr, -dc), 1, cost=rev)
        pf = tcod.path.Pathfinder(g)
        pf.add_root(goal)
        pf.resolve()
        return pf.distance.astype(np.int64).clip(max=UNREACHABLE)

    def path_seconds(self, path: list[Cell]) -> int | None:
        """Total seconds along ``path`` (consecutive 8-adjacent cells); None if any step is impossible."""
        return path_seconds(self.costs, [(int(r), int(c)) for r, c in path])

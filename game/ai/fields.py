"""Distance fields toward goals, cached per movement class: the AI's sense of direction.

A field is computed on a window around the goal and the asking unit (with a margin), which is much
cheaper than the whole map; when the goal cannot be reached inside the window the whole map is used.
A field depends only on the map, the graph and its window, so every game on the same grid shares the
computed ones (``game.core.memo``); which field a unit walks by still depends only on its own game.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import numpy as np

from game.core.grid import DIRS, Grid
from game.core.memo import frozen, memoised
from game.core.pathing import UNREACHABLE, MoveGraph, scale_costs, shared_step_seconds
from game.core.rules.constraints import road_only
from game.core.setup import GameSetup
from game.core.terrain import MoveClass
from game.native import extension

Cell = tuple[int, int]
Box = tuple[int, int, int, int]  # top, left, bottom, right (exclusive)
MARGIN = 25  # cells of slack around the goal/unit box (5 km at 200 m)
FIELDS_KEPT = 2000  # distance fields kept per grid across games (a window and its ranked steps: ~50 KB)


@dataclass(frozen=True)
class Field:
    """Seconds to a goal for cells of a window whose top-left is ``origin``."""

    origin: Cell
    dist: np.ndarray
    steps: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)  # see game.ai.descent

    def contains(self, cell: Cell, margin: int = 0) -> bool:
        r, c = cell[0] - self.origin[0], cell[1] - self.origin[1]
        rows, cols = self.dist.shape
        return margin <= r < rows - margin and margin <= c < cols - margin

    def __getitem__(self, cell: Cell) -> int:
        """Seconds from ``cell`` to the goal (UNREACHABLE outside the window)."""
        if not self.contains(cell):
            return int(UNREACHABLE)
        return int(self.dist[cell[0] - self.origin[0], cell[1] - self.origin[1]])


OPEN_PENALTY = 1.5  # concealed routes: a step into open ground costs up to 1 + 1.5 x its openness (assumption)
OFF_ROAD_PENALTY = 2.5  # road routes: steps off the road cost this much more (assumption)


def style_factor(grid: Grid, style: str) -> np.ndarray:
    """Per-cell cost multiplier of a route style: ``concealed`` prefers cover, ``road`` roads, ``fastest`` time."""
    if style == "concealed":
        return (1.0 + OPEN_PENALTY * (1.0 - grid.concealment)).astype(np.float64)
    if style == "road":
        return np.where(grid.road > 0, 1.0, OFF_ROAD_PENALTY)
    return np.ones(grid.shape)


GraphKey = tuple[MoveClass, bool, "float | None", str]  # class, road only, climb seconds per metre, style


def style_graph(grid: Grid, key: GraphKey) -> MoveGraph:
    """The clear-day planning graph of a class, climbing or not, with a route style's cost factors."""
    mc, ro, climb_s_per_m, style = key
    costs = scale_costs(shared_step_seconds(grid, mc, road_only=ro, climb_s_per_m=climb_s_per_m), 1.0)
    costs = np.where(costs > 0, np.ceil(costs * style_factor(grid, style)[None]), 0).astype(costs.dtype)
    return MoveGraph(frozen(costs))


def window_field(graph: MoveGraph, goal: Cell, box: Box) -> Field:
    """Seconds to ``goal`` by paths inside ``box`` of ``graph`` (the whole map when the box is)."""
    top, left, bottom, right = box
    dist = distances_to(steps_by_cell(graph)[top:bottom, left:right], (goal[0] - top, goal[1] - left))
    return Field((top, left), frozen(dist))


def steps_by_cell(graph: MoveGraph) -> np.ndarray:
    """The graph's step costs as (rows, cols, 8): each cell's steps in from the 8 directions side by side (kept per
    graph; read-only)."""
    return memoised(graph, "steps_by_cell", None, lambda: frozen(np.ascontiguousarray(np.moveaxis(graph.costs, 0, -1))))


def distances_to(by_cell: np.ndarray, goal: Cell) -> np.ndarray:
    """Seconds from every cell of a window to ``goal`` (int32, UNREACHABLE where impossible), from the window's
    step costs ``by_cell`` (rows, cols, 8; see :func:`steps_by_cell`): :meth:`MoveGraph.distance_to`. With the
    native build, its C Dijkstra on the grid (``game/ai/_griddist.c``, about 20x as fast); without it, scipy's
    Dijkstra on the reversed steps. The same distances either way: whole seconds, summed exactly."""
    by_cell = np.ascontiguousarray(by_cell, dtype=np.int32)
    rows, cols = by_cell.shape[:2]
    native = native_griddist()
    if native is not None:
        dist = np.empty((rows, cols), dtype=np.int32)
        native.distances(by_cell, dist, rows, cols, goal[0] * cols + goal[1], DIRS)
        return dist
    return scipy_distances_to(by_cell, goal)


def scipy_distances_to(by_cell: np.ndarray, goal: Cell) -> np.ndarray:
    """:func:`distances_to` by scipy's Dijkstra on the reversed steps (about 1.7x as fast as tcod's on the AI's
    windows): the pure Python way, and the reference the C one is tested against."""
    by_cell = np.ascontiguousarray(by_cell)
    rows, cols = by_cell.shape[:2]
    inside, offset = reverse_steps(rows, cols)
    ok = by_cell > 0
    ok &= inside
    # the reversed step v -> v - DIRS[k] costs the forward step into v; edges in cell order (CSR rows)
    flat = np.flatnonzero(ok)  # cell * 8 + k
    cell = flat >> 3
    starts = np.zeros(rows * cols + 1, dtype=np.int32)
    np.cumsum(np.bincount(cell, minlength=rows * cols), out=starts[1:])
    ends = (cell - offset[flat & 7]).astype(np.int32)
    csr_matrix, dijkstra = scipy_dijkstra()
    steps = csr_matrix((by_cell.ravel()[flat].astype(np.float64), ends, starts), shape=(rows * cols,) * 2)
    dist = dijkstra(steps, directed=True, indices=goal[0] * cols + goal[1])
    return np.where(dist < UNREACHABLE, dist, UNREACHABLE).astype(np.int32).reshape(rows, cols)


def native_griddist() -> Any:
    """The native build's C Dijkstra module (``game.ai._griddist``), or None without an active build."""
    return extension("game.ai._griddist")


@cache
def scipy_dijkstra() -> tuple[Callable[..., Any], Callable[..., Any]]:
    """scipy's ``csr_matrix`` and ``dijkstra``, imported on first use: importing scipy.sparse takes ~0.3 s of CPU,
    which the play client then pays at the computer's first move rather than at start (a batch worker imports
    them as it is set up, see ``game.sim.run.batch_gc``)."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    return csr_matrix, dijkstra


@lru_cache(maxsize=512)
def reverse_steps(rows: int, cols: int) -> tuple[np.ndarray, np.ndarray]:
    """For a window of ``rows`` x ``cols``: whether each reversed step ``v -> v - DIRS[k]`` stays inside it,
    (rows, cols, 8) bool, and each step's offset in flat cell indices (read-only; kept per shape)."""
    inside = np.ones((rows, cols, 8), dtype=bool)
    for k, (dr, dc) in enumerate(DIRS):
        inside[:max(dr, 0), :, k] = inside[rows + min(dr, 0):, :, k] = False
        inside[:, :max(dc, 0), k] = inside[:, cols + min(dc, 0):, k] = False
    offset = np.array([dr * cols + dc for dr, dc in DIRS], dtype=np.int64)
    return frozen(inside), frozen(offset)


class FieldCache:
    """Seconds-to-goal fields on a clear-day graph per movement class, climbing and route style
    (a uniform speed factor does not change directions). One per policy and game: the fields it hands out
    depend on that game's requests only; their computation is shared by every game on the grid."""

    def __init__(self, setup: GameSetup) -> None:
        self.setup = setup
        self._fields: dict[tuple[str, bool, str, Cell], list[Field]] = {}

    def _key(self, move_class: str, climb: bool, style: str) -> GraphKey:
        setup = self.setup
        climb_s = setup.params.climb_minutes_per_100m * 60 / 100 if climb else None
        return (setup.grid.table.move_classes[move_class], road_only(setup.constraints, move_class), climb_s, style)

    def graph(self, move_class: str, climb: bool, style: str = "fastest") -> MoveGraph:
        grid, key = self.setup.grid, self._key(move_class, climb, style)
        return memoised(grid, "style_graph", key, lambda: style_graph(grid, key))

    def _field(self, key: GraphKey, graph: MoveGraph, goal: Cell, box: Box) -> Field:
        return memoised(self.setup.grid, "field", (key, goal, box), lambda: window_field(graph, goal, box),
                        limit=FIELDS_KEPT)

    def to(self, goal: Cell, start: Cell, move_class: str, climb: bool, style: str = "fastest") -> Field:
        """A field toward ``goal`` covering ``start`` (reused while the unit stays well inside it)."""
        fields = self._fields.setdefault((move_class, climb, style, goal), [])
        for f in fields:
            if f.contains(start, margin=min(5, MARGIN)) or (f.contains(start) and f.origin == (0, 0)):
                return f
        key = self._key(move_class, climb, style)
        graph = self.graph(move_class, climb, style)
        rows, cols = graph.shape
        top = max(min(goal[0], start[0]) - MARGIN, 0)
        left = max(min(goal[1], start[1]) - MARGIN, 0)
        bottom = min(max(goal[0], start[0]) + MARGIN + 1, rows)
        right = min(max(goal[1], start[1]) + MARGIN + 1, cols)
        f = self._field(key, graph, goal, (top, left, bottom, right))
        if f[start] >= UNREACHABLE and (top, left, bottom, right) != (0, 0, rows, cols):
            f = self._field(key, graph, goal, (0, 0, rows, cols))
        fields.append(f)
        return f

    def zone_reach(self, zone: str, centre: Cell, move_class: str, climb: bool) -> np.ndarray:
        """Cells of ``zone`` from which ``centre`` can be reached by this kind of unit (read-only)."""
        grid, key = self.setup.grid, self._key(move_class, climb, "fastest")
        return memoised(grid, "zone_reach", (key, zone, centre), lambda: frozen(
            grid.zones[zone] & (self._field(key, self.graph(move_class, climb), centre, (0, 0) + grid.shape).dist
                                < UNREACHABLE)))


def reachable(field: Field, cell: Cell) -> bool:
    return field[cell] < UNREACHABLE

"""Distance fields toward goals, cached per movement class: the AI's sense of direction.

A field is computed on a window around the goal and the asking unit (with a margin), which is much
cheaper than the whole map; when the goal cannot be reached inside the window the whole map is used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.grid import Grid
from game.core.pathing import UNREACHABLE, MoveGraph, step_costs
from game.core.rules.constraints import road_only
from game.core.setup import GameSetup

Cell = tuple[int, int]
MARGIN = 25  # cells of slack around the goal/unit box (5 km at 200 m)


@dataclass(frozen=True)
class Field:
    """Seconds to a goal for cells of a window whose top-left is ``origin``."""

    origin: Cell
    dist: np.ndarray

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


class FieldCache:
    """Seconds-to-goal fields on a clear-day graph per movement class, climbing and route style
    (a uniform speed factor does not change directions)."""

    def __init__(self, setup: GameSetup) -> None:
        self.setup = setup
        self._graphs: dict[tuple[str, bool, str], MoveGraph] = {}
        self._fields: dict[tuple[str, bool, str, Cell], list[Field]] = {}

    def graph(self, move_class: str, climb: bool, style: str = "fastest") -> MoveGraph:
        key = (move_class, climb, style)
        if key not in self._graphs:
            setup = self.setup
            mc = setup.grid.table.move_classes[move_class]
            costs = step_costs(setup.grid, mc, speed_factor=1.0,
                               road_only=road_only(setup.constraints, move_class),
                               climb_s_per_m=setup.params.climb_minutes_per_100m * 60 / 100 if climb else None)
            factor = style_factor(setup.grid, style)
            costs = np.where(costs > 0, np.ceil(costs * factor[None]), 0).astype(costs.dtype)
            self._graphs[key] = MoveGraph(costs)
        return self._graphs[key]

    def to(self, goal: Cell, start: Cell, move_class: str, climb: bool, style: str = "fastest") -> Field:
        """A field toward ``goal`` covering ``start`` (reused while the unit stays well inside it)."""
        fields = self._fields.setdefault((move_class, climb, style, goal), [])
        for f in fields:
            if f.contains(start, margin=min(5, MARGIN)) or (f.contains(start) and f.origin == (0, 0)):
                return f
        graph = self.graph(move_class, climb, style)
        rows, cols = graph.shape
        top = max(min(goal[0], start[0]) - MARGIN, 0)
        left = max(min(goal[1], start[1]) - MARGIN, 0)
        bottom = min(max(goal[0], start[0]) + MARGIN + 1, rows)
        right = min(max(goal[1], start[1]) + MARGIN + 1, cols)
        window = MoveGraph(np.ascontiguousarray(graph.costs[:, top:bottom, left:right]))
        f = Field((top, left), window.distance_to((goal[0] - top, goal[1] - left)))
        if f[start] >= UNREACHABLE and (top, left, bottom, right) != (0, 0, rows, cols):
            f = Field((0, 0), graph.distance_to(goal))
        fields.append(f)
        return f


def reachable(field: Field, cell: Cell) -> bool:
    return field[cell] < UNREACHABLE

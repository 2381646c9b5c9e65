"""Paths of a documented group between its dated waypoints, found over the terrain for its unit type.

The sources give the waypoints and their dates, never the paths between them; they say the groups went
"through forested areas", along the foot of the cliffs "without entering" Dashalti/Karintak, and up the
cliffs (HISTORY.md s.6). So a leg is the cheapest path under a *documented-route cost*:

- the engine's clear-day step seconds for the unit type's movement class (Tobler for foot; slopes, rivers,
  terrain speed factors; ``game.core.pathing``), with cliff edges crossable at the climbing cost for types
  that can climb, as the AI plans them;
- times the AI's "concealed" route style (``game.ai.fields.style_factor``): a step into open ground costs
  more than one into forest or a gorge;
- times :data:`ROAD_FACTOR` on road cells and :data:`SETTLEMENT_FACTOR` on village and town cells. Without
  them a foot group's cheapest path follows the roads (walking a path is about three times as fast as
  forest undergrowth), and the roads of 2020 run through the defender-held villages: a path drawn along them
  would contradict the sources. With them the path keeps to forest and gorge unless a road is much shorter.
  Both factors are viewer assumptions (this drawing only; no game, plan or AI uses them).

The time a group needs along a path (used to place it between two dated waypoints) is the plain step
seconds, without the style factors: a slow forest or climbing stretch takes its share of the time.
Example: ``leg(setup, "special_forces_group", a, b)`` gives ``Leg(cells=[a, ..., b], seconds=[0, ...])``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import tcod.los

from game.ai.fields import style_factor
from game.core.memo import frozen, memoised
from game.core.pathing import MoveGraph, scale_costs, shared_step_seconds
from game.core.rules.constraints import road_only
from game.core.setup import GameSetup

Cell = tuple[int, int]
ROAD_FACTOR = 3.0  # documented-route cost of a step onto a road (viewer assumption, see the module docstring)
SETTLEMENT_FACTOR = 3.0  # ... onto a village or town cell (defender-held in 2020)


@dataclass(frozen=True)
class Leg:
    """One leg of a documented route: its cells in order and the seconds from its start to each cell."""

    cells: tuple[Cell, ...]
    seconds: tuple[float, ...]  # cumulative, seconds[0] == 0
    found: bool = True  # False: no passable path; a straight line is drawn instead

    def index_at(self, share: float) -> int:
        """Index of the cell reached after ``share`` (0..1) of the leg's time. Example: 0 is the start, 1 the end."""
        total = self.seconds[-1]
        if share >= 1.0:
            return len(self.cells) - 1
        if total <= 0 or share <= 0.0:
            return 0
        i = int(np.searchsorted(self.seconds, share * total, side="right")) - 1
        return max(0, min(i, len(self.cells) - 1))

    def cell_at(self, share: float) -> Cell:
        """The cell reached after ``share`` (0..1) of the leg's time."""
        return self.cells[self.index_at(share)]

    def trail(self, share: float) -> list[Cell]:
        """Cells visited up to ``share`` of the leg's time, the current one last."""
        return list(self.cells[:self.index_at(share) + 1])


def _graphs(setup: GameSetup, move_class: str, climb: bool) -> tuple[MoveGraph, MoveGraph]:
    """(documented-route cost graph, plain time graph) of a movement class, built once per grid."""
    grid = setup.grid
    mc = grid.table.move_classes[move_class]
    climb_s = setup.params.climb_minutes_per_100m * 60 / 100 if climb else None
    key = (mc, road_only(setup.constraints, move_class), climb_s)

    def make() -> tuple[MoveGraph, MoveGraph]:
        base = scale_costs(shared_step_seconds(grid, mc, road_only=key[1], climb_s_per_m=climb_s), 1.0)
        factor = style_factor(grid, "concealed") * np.where(grid.road > 0, ROAD_FACTOR, 1.0) \
            * np.where(grid.settlement >= 0, SETTLEMENT_FACTOR, 1.0)
        styled = np.where(base > 0, np.ceil(base * factor[None]), 0).astype(base.dtype)
        return MoveGraph(frozen(styled)), MoveGraph(frozen(base))

    return memoised(grid, "history_graphs", key, make)


def leg(setup: GameSetup, unit_type: str, start: Cell, goal: Cell) -> Leg:
    """The documented-route path from ``start`` to ``goal`` for ``unit_type`` (cached per grid)."""
    ut = setup.unit_types[unit_type]
    climb = ut.can("climb")
    return memoised(setup.grid, "history_leg", (ut.move_class, climb, start, goal),
                    lambda: _find_leg(setup, ut.move_class, climb, start, goal))


def _find_leg(setup: GameSetup, move_class: str, climb: bool, start: Cell, goal: Cell) -> Leg:
    styled, plain = _graphs(setup, move_class, climb)
    cells = styled.path(start, goal)
    if cells is None:
        line = [(int(r), int(c)) for r, c in tcod.los.bresenham(start, goal).tolist()]
        return Leg(tuple(line), tuple(float(i) for i in range(len(line))), found=False)
    secs = [0.0]
    for a, b in zip(cells, cells[1:], strict=False):
        secs.append(secs[-1] + max(plain.step_cost(a, b), 1))
    return Leg(tuple(cells), tuple(secs))

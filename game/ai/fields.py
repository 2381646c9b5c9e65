"""Distance fields toward goals, cached per movement class: the AI's sense of direction."""

from __future__ import annotations

import numpy as np

from game.core.engine import Engine
from game.core.pathing import UNREACHABLE, MoveGraph, step_costs
from game.core.rules.movement import CLIMB_MIN_PER_100M

Cell = tuple[int, int]


class FieldCache:
    """Seconds-to-goal fields on a clear-day graph (a uniform speed factor does not change directions)."""

    def __init__(self, eng: Engine) -> None:
        self.eng = eng
        self._graphs: dict[tuple[str, bool], MoveGraph] = {}
        self._fields: dict[tuple[str, bool, Cell], np.ndarray] = {}

    def graph(self, move_class: str, climb: bool) -> MoveGraph:
        key = (move_class, climb)
        if key not in self._graphs:
            setup = self.eng.setup
            mc = setup.grid.table.move_classes[move_class]
            costs = step_costs(setup.grid, mc, speed_factor=1.0, road_only=self.eng.road_only(move_class),
                               climb_s_per_m=CLIMB_MIN_PER_100M * 60 / 100 if climb else None)
            self._graphs[key] = MoveGraph(costs)
        return self._graphs[key]

    def to(self, goal: Cell, move_class: str, climb: bool) -> np.ndarray:
        """Seconds from every cell to ``goal`` (UNREACHABLE where impossible)."""
        key = (move_class, climb, goal)
        if key not in self._fields:
            self._fields[key] = self.graph(move_class, climb).distance_to(goal)
        return self._fields[key]


def reachable(field: np.ndarray, cell: Cell) -> bool:
    return int(field[cell]) < UNREACHABLE

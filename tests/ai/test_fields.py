"""The AI's distance fields: scipy's Dijkstra on the reversed steps gives tcod's distances, cell for cell."""

from __future__ import annotations

import numpy as np

from game.ai.fields import FieldCache, distances_to, steps_by_cell
from game.core.pathing import UNREACHABLE, MoveGraph


def test_fields_equal_tcod_distances_on_random_windows(shusha) -> None:
    fields = FieldCache(shusha)
    rows, cols = shusha.grid.shape
    rng = np.random.default_rng(3)
    for move_class, climb, style in (("foot", True, "concealed"), ("foot", False, "fastest"), ("wheeled", False, "road")):
        graph = fields.graph(move_class, climb, style)
        for _ in range(12):
            top, left = int(rng.integers(0, rows - 1)), int(rng.integers(0, cols - 1))
            bottom, right = int(rng.integers(top + 1, rows + 1)), int(rng.integers(left + 1, cols + 1))
            goal = (int(rng.integers(0, bottom - top)), int(rng.integers(0, right - left)))
            want = MoveGraph(np.ascontiguousarray(graph.costs[:, top:bottom, left:right])).distance_to(goal)
            assert np.array_equal(distances_to(steps_by_cell(graph)[top:bottom, left:right], goal), want)


def test_cells_cut_off_from_the_goal_are_unreachable() -> None:
    costs = np.full((3, 4, 8), 10, dtype=np.int32)
    costs[:, 2] = 0  # no step into column 2: column 3 cannot reach the goal (column 2 can step out)
    dist = distances_to(costs, (1, 0))
    assert dist[1, 0] == 0 and dist[1, 1] == 10 and dist[0, 1] == 10 and dist[1, 2] == 20
    assert (dist[:, 3] == UNREACHABLE).all()

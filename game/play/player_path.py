"""A player's path: the cheapest way round known enemies, or the fastest way when asked (no pygame here).

Known enemies are those the side has spotted now or saw within :data:`MAX_AGE` turns (last-known
positions). A step into a cell near one costs more, falling off with distance (the AI's influence map,
``game.ai.view.influence``), so a click far away does not send a unit up a road past enemy-held villages
unless the player asks for the fastest way (Alt-click in the client).

Example: with an enemy post on the straight line to the goal, the path bends at least
:data:`AVOID_RADIUS` cells round it when the detour costs less than about :data:`AVOID_WEIGHT` times
the steps it avoids.
"""

from __future__ import annotations

import numpy as np

from game.ai.view import SideView, influence
from game.core.engine import Engine
from game.core.pathing import MoveGraph
from game.core.rules import movement
from game.core.units import Unit

Cell = tuple[int, int]
AVOID_RADIUS = 3  # cells round a known enemy that a player's path keeps clear of when it can
AVOID_WEIGHT = 10.0  # a step next to a known enemy costs up to 1 + this x its time (assumption)
MAX_AGE = 4  # turns: enemies last seen longer ago are not avoided


def known_enemy_cells(eng: Engine, side: str) -> list[Cell]:
    """Cells of enemies ``side`` sees now or saw within :data:`MAX_AGE` turns (sorted, no repeats)."""
    return sorted(set(SideView(eng, side, None).enemy_cells(MAX_AGE)))


def avoiding_graph(graph: MoveGraph, danger: np.ndarray) -> MoveGraph:
    """``graph`` with each step into a cell costing ``1 + AVOID_WEIGHT x danger`` times more."""
    factor = 1.0 + AVOID_WEIGHT * danger.astype(np.float64)
    costs = np.where(graph.costs > 0, np.ceil(graph.costs * factor[None]), 0).astype(graph.costs.dtype)
    return MoveGraph(costs)


def player_path(eng: Engine, u: Unit, goal: Cell, *, fastest: bool = False) -> list[Cell] | None:
    """The path a player's order takes from the unit to ``goal`` (start included), or None if there is none.

    Spotted enemies and full stacks are never walked through; known enemies are given a wide berth unless
    ``fastest``."""
    graph = eng.graph_for(u)
    blocked = movement.blocked_cells(eng.ctx, u)
    cells = [] if fastest else known_enemy_cells(eng, u.side)
    if not cells:
        return graph.path(u.pos, goal, blocked)
    danger = influence(eng.setup.grid.shape, cells, AVOID_RADIUS)
    return avoiding_graph(graph, danger).path(u.pos, goal, blocked)

"""The AI's walk down a distance field: from a cell, the neighbour a unit steps to next.

A unit takes the neighbour lowest on the field (plus, on a concealed route, an hour per unit of threat near
known enemies), if that is below its own cell. Which neighbours a unit of a class can step into, and their
order on the field, depend on the terrain only: they are worked out once per field, cell and graph and kept
on the field (shared by the games on a grid); only the blocked cells and the unit's own path are looked at
each time. Near a threat the whole rule is applied afresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.core.grid import DIRS, Grid
from game.core.pathing import UNREACHABLE, MoveGraph

if TYPE_CHECKING:
    from game.ai.fields import Field

Cell = tuple[int, int]
STEPS = tuple((k, dr, dc) for k, (dr, dc) in enumerate(DIRS))


def downhill(field: Field, graph: MoveGraph, grid: Grid, cur: Cell, *, climb: bool, blocked: np.ndarray,
             on_path: set[Cell], avoid: np.ndarray | None) -> Cell | None:
    """The neighbour of ``cur`` lowest on ``field`` (below ``cur`` itself; first in DIRS order on ties) that the
    unit can step into (or climb to, with ``climb``), not blocked and not on its path yet. On a concealed
    route ``avoid`` adds an hour per unit of threat (the known enemies' influence).

    Example: on a field falling to the east with nothing in the way, the cell to the east (or the diagonal
    that is lower still).
    """
    if avoid is not None and _threat_round(avoid, cur):
        return _scan(field, graph, grid, cur, climb=climb, blocked=blocked, on_path=on_path, avoid=avoid)
    best_v = field[cur]
    for v, n in _ranked(field, graph, grid, cur, climb):
        if v >= best_v:
            return None
        if not blocked[n] and n not in on_path:
            return n
    return None


def _threat_round(avoid: np.ndarray, cur: Cell) -> bool:
    """Whether ``avoid`` is above 0 in ``cur`` or a neighbour (nine scalar reads beat a numpy reduction)."""
    rows, cols = avoid.shape
    r0, c0 = cur
    value = avoid.item
    return any(value(r, c) for r in range(max(r0 - 1, 0), min(r0 + 2, rows))
               for c in range(max(c0 - 1, 0), min(c0 + 2, cols)))


def _ranked(field: Field, graph: MoveGraph, grid: Grid, cur: Cell, climb: bool) -> list[tuple[int, Cell]]:
    """The neighbours of ``cur`` the unit can step into (or climb to), with their field values, lowest first
    (DIRS order on ties); kept on the field per cell, climbing and graph."""
    key = (cur, climb, id(graph))
    kept = field.steps.get(key)
    if kept is not None and kept[0] is graph:
        return kept[1]
    top, left = field.origin
    dist = field.dist.item
    frows, fcols = field.dist.shape
    rows, cols = grid.shape
    cost = graph.costs.item
    r0, c0 = cur
    bits = grid.cliff.item(r0, c0) if climb else 0
    out = []
    for k, dr, dc in STEPS:
        r, c = r0 + dr, c0 + dc
        if r < 0 or c < 0 or r >= rows or c >= cols:
            continue
        if not (bits >> k) & 1 and cost(k, r, c) <= 0:
            continue  # no way across this step for the unit (a cliff it cannot climb, a slope)
        fr, fc = r - top, c - left
        out.append((dist(fr, fc) if 0 <= fr < frows and 0 <= fc < fcols else UNREACHABLE, k, (r, c)))
    out.sort()
    ranked = [(v, n) for v, _, n in out]
    field.steps[key] = (graph, ranked)
    return ranked


def _scan(field: Field, graph: MoveGraph, grid: Grid, cur: Cell, *, climb: bool, blocked: np.ndarray,
          on_path: set[Cell], avoid: np.ndarray) -> Cell | None:
    """:func:`downhill` near a threat: every neighbour's value with its penalty, in DIRS order."""
    top, left = field.origin
    dist = field.dist.item
    frows, fcols = field.dist.shape
    rows, cols = grid.shape
    cost = graph.costs.item
    r0, c0 = cur
    bits = grid.cliff.item(r0, c0) if climb else 0
    best = None
    best_v = field[cur] + avoid.item(r0, c0) * 3600.0
    for k, dr, dc in STEPS:
        r, c = r0 + dr, c0 + dc
        if r < 0 or c < 0 or r >= rows or c >= cols or blocked[r, c]:
            continue
        if not (bits >> k) & 1 and cost(k, r, c) <= 0:
            continue
        if (r, c) in on_path:
            continue
        fr, fc = r - top, c - left
        v = (dist(fr, fc) if 0 <= fr < frows and 0 <= fc < fcols else UNREACHABLE) + avoid.item(r, c) * 3600.0
        if v < best_v:
            best, best_v = (r, c), v
    return best

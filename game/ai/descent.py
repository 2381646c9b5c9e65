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

from game.ai.view import influence
from game.core.grid import DIRS, Grid
from game.core.pathing import UNREACHABLE, MoveGraph

if TYPE_CHECKING:
    from game.ai.fields import Field

Cell = tuple[int, int]
STEPS = tuple((k, dr, dc) for k, (dr, dc) in enumerate(DIRS))
Ranked = tuple[int, list[tuple[int, int, Cell]]]  # a cell's value on the field and its steps, lowest first


def downhill(field: Field, graph: MoveGraph, grid: Grid, cur: Cell, *, climb: bool, blocked: np.ndarray,
             on_path: set[Cell], avoid: Avoid | None, table: dict[Cell, Ranked] | None = None) -> Cell | None:
    """The neighbour of ``cur`` lowest on ``field`` (below ``cur`` itself; first in DIRS order on ties) that the
    unit can step into (or climb to, with ``climb``), not blocked and not on its path yet. On a concealed
    route ``avoid`` adds an hour per unit of threat (the known enemies' influence). ``table``: the field's
    :func:`step_table` for the graph and climbing, when the caller has it at hand (a walk asks it every step).

    Example: on a field falling to the east with nothing in the way, the cell to the east (or the diagonal
    that is lower still).
    """
    if table is None:
        table = step_table(field, graph, climb)
    if avoid is not None and avoid.near[cur]:
        return _scan(field, graph, grid, cur, climb=climb, blocked=blocked, on_path=on_path, avoid=avoid.threat,
                     table=table)
    kept = table.get(cur)
    best_v, ranked = kept if kept is not None else _ranked(field, graph, grid, cur, climb, table)
    for v, _, n in ranked:
        if v >= best_v:
            return None
        if not blocked[n] and n not in on_path:
            return n
    return None


class Avoid:
    """A concealed route's threat: the influence of known enemy ``cells`` within ``radius`` (0..1, see
    :func:`game.ai.view.influence`), and the cells where it is above 0 in the cell or a neighbour (within
    ``radius + 1`` of an enemy, since the influence is above 0 exactly within ``radius``)."""

    def __init__(self, shape: tuple[int, int], cells: list[Cell], radius: int) -> None:
        self.threat = influence(shape, cells, radius)
        self.near = np.zeros(shape, dtype=bool)
        reach = radius + 1
        for r, c in cells:
            self.near[max(r - reach, 0):r + reach + 1, max(c - reach, 0):c + reach + 1] = True


def step_table(field: Field, graph: MoveGraph, climb: bool) -> dict[Cell, Ranked]:
    """The field's ranked steps by cell for the graph's pattern of possible steps and climbing (see
    :func:`_ranked`; kept on the field, filled as cells are asked)."""
    owner = graph if graph.pattern is None else graph.pattern
    key = (climb, id(owner))
    kept = field.steps.get(key)
    if kept is None or kept[0] is not owner:
        kept = field.steps[key] = (owner, {})
    table: dict[Cell, Ranked] = kept[1]
    return table


def _ranked(field: Field, graph: MoveGraph, grid: Grid, cur: Cell, climb: bool,
            table: dict[Cell, Ranked]) -> Ranked:
    """The field's value at ``cur`` and the neighbours of ``cur`` the unit can step into (or climb to) as
    (field value, DIRS index, cell), lowest first (DIRS order on ties); kept in ``table``."""
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
    r, c = r0 - top, c0 - left
    kept = table[cur] = (dist(r, c) if 0 <= r < frows and 0 <= c < fcols else UNREACHABLE, out)  # (field[cur])
    return kept


def _scan(field: Field, graph: MoveGraph, grid: Grid, cur: Cell, *, climb: bool, blocked: np.ndarray,
          on_path: set[Cell], avoid: np.ndarray, table: dict[Cell, Ranked] | None = None) -> Cell | None:
    """:func:`downhill` near a threat: the lowest neighbour counting its penalty (DIRS order on ties)."""
    if table is None:
        table = step_table(field, graph, climb)
    kept = table.get(cur)
    here, ranked = kept if kept is not None else _ranked(field, graph, grid, cur, climb, table)
    options = [(v + avoid.item(*n) * 3600.0, k, n) for v, k, n in ranked if not blocked[n] and n not in on_path]
    if not options:
        return None
    v, _, n = min(options)
    return n if v < here + avoid.item(*cur) * 3600.0 else None

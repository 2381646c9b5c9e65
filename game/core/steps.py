"""The 8 steps to a neighbouring cell, and step arithmetic on plain ``int`` cells for the hot loops.

The native build compiles this module: the compiled rules and AI call these functions on units' cells (plain
ints) without a Python frame per step. :class:`game.core.grid.Grid` and :class:`game.core.pathing.MoveGraph`
answer the same questions for any integers (numpy ones from a client included) by calling these with ``int``.
"""

from __future__ import annotations

import numpy as np

Cell = tuple[int, int]

# The 8 neighbour offsets (drow, dcol); bit k of ``Grid.cliff`` refers to DIRS[k].
DIRS: tuple[tuple[int, int], ...] = (
    (-1, -1), (-1, 0), (-1, 1),
    (0, -1), (0, 1),
    (1, -1), (1, 0), (1, 1),
)
OPPOSITE: tuple[int, ...] = tuple(DIRS.index((-dr, -dc)) for dr, dc in DIRS)
DIR_INDEX: dict[tuple[int, int], int] = {d: k for k, d in enumerate(DIRS)}
# DIRS index of the step (dr, dc) at position (dr + 1) * 3 + (dc + 1); -1 for (0, 0)
_INDEX9: tuple[int, ...] = tuple(DIR_INDEX.get((i // 3 - 1, i % 3 - 1), -1) for i in range(9))


def step_index(dr: int, dc: int) -> int:
    """Index in DIRS of the step ``(dr, dc)``, -1 when it is not a step to a neighbouring cell.

    >>> step_index(-1, -1), step_index(1, 1), step_index(0, 0), step_index(2, 0)
    (0, 7, -1, -1)
    """
    if -1 <= dr <= 1 and -1 <= dc <= 1:
        return _INDEX9[dr * 3 + dc + 4]
    return -1


def not_a_step(dr: object, dc: object) -> ValueError:
    """The error for a step ``(dr, dc)`` that does not lead to a neighbouring cell."""
    return ValueError(f"({dr}, {dc}) is not a step to a neighbouring cell")


def inside(shape: tuple[int, int], r: int, c: int) -> bool:
    """Whether ``(r, c)`` is a cell of a grid of ``shape`` (rows, cols)."""
    return 0 <= r < shape[0] and 0 <= c < shape[1]


def crosses_cliff(cliff: np.ndarray, a: Cell, b: Cell) -> bool:
    """True when the step from ``a`` to the adjacent ``b`` crosses a cliff (``cliff``: ``Grid.cliff``)."""
    k = step_index(b[0] - a[0], b[1] - a[1])
    if k < 0:
        raise not_a_step(b[0] - a[0], b[1] - a[1])
    bits: int = cliff.item(a[0], a[1])
    return bool(bits >> k & 1)


def step_seconds(costs: np.ndarray, a: Cell, b: Cell) -> int:
    """Seconds for one step from ``a`` to the adjacent ``b`` in ``costs`` (``MoveGraph.costs``); 0 when
    impossible."""
    k = step_index(b[0] - a[0], b[1] - a[1])
    if k < 0:
        raise not_a_step(b[0] - a[0], b[1] - a[1])
    s: int = costs.item(k, b[0], b[1])
    return s


def path_seconds(costs: np.ndarray, path: list[Cell]) -> int | None:
    """Total seconds along ``path`` (consecutive 8-adjacent cells) in ``costs`` (``MoveGraph.costs``); None if
    any step is impossible."""
    total = 0
    cost = costs.item
    for i in range(1, len(path)):
        r0, c0 = path[i - 1]
        r1, c1 = path[i]
        k = step_index(r1 - r0, c1 - c0)
        if k < 0:
            return None
        s: int = cost(k, r1, c1)
        if s <= 0:
            return None
        total += s
    return total

"""Where a cell is, in words a player reads: "in Shusha / Shushi", "2 km NE of Sighnag / Sghnakh".

Pure and headless: the event texts made in ``game.core.rules`` and the client's log both use it, so no
player ever reads a raw ``(row, col)`` tuple.
"""

from __future__ import annotations

import math

from game.core.grid import Grid
from game.core.memo import memo_table

Cell = tuple[int, int]
COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
AT_KM = 0.35  # closer than this to a place's point (and not in its settlement): "at" the place
LANDMARKS = frozenset({"river_point"})  # kinds too obscure to locate a player by


def compass(d_north: float, d_east: float) -> str:
    """The 8-point compass direction of a vector given as (north, east) components.

    >>> compass(1.0, 1.0), compass(-2.0, 0.1), compass(0.0, -3.0)
    ('NE', 'S', 'W')
    """
    angle = math.degrees(math.atan2(d_east, d_north)) % 360.0
    return COMPASS[int((angle + 22.5) // 45.0) % 8]


def distance_text(km: float) -> str:
    """A distance rounded as a player would say it: "800 m", "1.5 km", "12 km"."""
    if km < 1.0:
        return f"{max(100, round(km * 10) * 100):.0f} m"
    return f"{km:.1f} km" if km < 3.0 else f"{km:.0f} km"


def where(grid: Grid, cell: Cell) -> str:
    """Where ``cell`` is in words (see :func:`describe`), remembered per grid and cell."""
    table = memo_table(grid, "whereabouts")
    text = table.get(cell)
    if text is None:
        text = table[cell] = describe(grid, cell)
    return text


def describe(grid: Grid, cell: Cell) -> str:
    """Where ``cell`` is, from the nearest named place (row 0 is north).

    Inside a settlement's cells: "in <name>"; next to a place's point: "at <name>"; otherwise the
    distance and direction from the nearest place, e.g. "2.0 km NE of Shusha / Shushi". On a map without
    places: its part of the map, e.g. "in the NW of the map".
    """
    r, c = cell
    if grid.in_bounds(r, c):
        s = int(grid.settlement[r, c])
        if s >= 0:
            return f"in {grid.places[s].name}"
    best, best_d2 = None, math.inf
    for p in grid.places:
        if p.kind in LANDMARKS:
            continue
        d2 = float((p.row - r) ** 2 + (p.col - c) ** 2)
        if d2 < best_d2:
            best, best_d2 = p, d2
    if best is None:
        return _quarter(grid, cell)
    km = math.sqrt(best_d2) * grid.cell_m / 1000.0
    if km < AT_KM:
        return f"at {best.name}"
    return f"{distance_text(km)} {compass(best.row - r, c - best.col)} of {best.name}"


def _quarter(grid: Grid, cell: Cell) -> str:
    """Words for a cell on a map without named places: its part of the map."""
    rows, cols = grid.shape
    ns = "N" if cell[0] < rows / 3 else "S" if cell[0] >= 2 * rows / 3 else ""
    ew = "W" if cell[1] < cols / 3 else "E" if cell[1] >= 2 * cols / 3 else ""
    return f"in the {ns + ew} of the map" if ns or ew else "in the middle of the map"


def after_name(grid: Grid, cell: Cell) -> str:
    """:func:`where` to follow a unit's name in a sentence, with a comma before a distance so that a name
    ending in a number stays readable: " in Tugh / Togh", ", 5 km NW of Bina / Tumi"."""
    text = where(grid, cell)
    return f", {text}" if text[:1].isdigit() else f" {text}"

"""Places a task points a unit at: a zone's centre, the nearest cell of a road, the next cell to take in a
zone under attack, the foot and top of a cliff edge. They read the side's view; what depends on the map only
is worked out once per grid (``game.core.memo``).
"""

from __future__ import annotations

import math

import numpy as np

from game.ai.tasks import capture_share, near
from game.ai.view import SideView
from game.core.grid import DIRS, Grid
from game.core.memo import frozen, memoised
from game.core.params import cells
from game.core.steps import crosses_cliff, inside
from game.core.units import Unit

Cell = tuple[int, int]
ENGAGE_CELLS = 3  # an attack on a zone goes for a spotted enemy this close; farther ones wait for the sweep


def zone_centre(view: SideView, zone: str) -> Cell:
    """The zone cell nearest to the zone's centroid."""
    return centre_of_zone(view.grid, zone)


def centre_of_zone(grid: Grid, zone: str) -> Cell:
    """:func:`zone_centre_of` the grid's zone, worked out once per grid."""
    return memoised(grid, "zone_centre", zone, lambda: zone_centre_of(grid.zones[zone]))


def zone_centre_of(mask: np.ndarray) -> Cell:
    rows, cols = np.nonzero(mask)
    k = int(np.argmin((rows - rows.mean()) ** 2 + (cols - cols.mean()) ** 2))
    return int(rows[k]), int(cols[k])


def road_cell(view: SideView, road: str, u: Unit) -> Cell | None:
    """The road's cell nearest to the unit, outside the city zone (where cutting it counts)."""
    rows, cols = road_cells(view.grid, road, view.setup.city_zone)
    if not rows.size:
        return None
    k = int(np.argmin((rows - u.row) ** 2 + (cols - u.col) ** 2))
    return int(rows[k]), int(cols[k])


def road_cells(grid: Grid, road: str, city_zone: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of the road's cells outside the city zone (once per grid; read-only)."""
    def make() -> tuple[np.ndarray, np.ndarray]:
        mask = grid.roads[road].copy()
        if city_zone:
            mask &= ~grid.zones[city_zone]
        rows, cols = np.nonzero(mask)
        return frozen(rows), frozen(cols)

    return memoised(grid, "road_cells", (road, city_zone), make)


def attack_cell(view: SideView, zone: str, u: Unit, reach: np.ndarray | None = None) -> Cell | None:
    """A spotted enemy in the zone close by, else the nearest zone cell the side does not hold and no
    friend will take at the turn's end, else the nearest enemy in the zone; None once the side holds
    what it needs."""
    mask = view.grid.zones[zone]
    foes = sorted((t for t in view.peek_enemies() if mask[t.pos]),
                  key=lambda t: ((t.row - u.row) ** 2 + (t.col - u.col) ** 2, t.id))
    if foes and near(foes[0].pos, u.pos, ENGAGE_CELLS):
        return foes[0].pos
    if not foes and view.controls(zone) >= capture_share(view, zone) and mask[u.pos]:
        return None
    # worked out on the zone's bounding box (every cell it can pick is in the zone; same cells, same order)
    top, left, bottom, right = zone_box(view.grid, zone)
    box = (slice(top, bottom), slice(left, right))
    inside = mask[box]
    todo = inside & ~view.controlled_cells(box) & (inside if reach is None else reach[box])
    own = view.peek_own()
    for x in own:
        if top <= x.row < bottom and left <= x.col < right:
            todo[x.row - top, x.col - left] = False
    # cells round a friend flip at the turn's end unless an enemy contests them: sweep on past them
    radius = cells(view.params.control_radius_m, view.grid.cell_m)
    beyond = todo.copy()
    for x in own:
        r1, c1 = x.row + radius + 1 - top, x.col + radius + 1 - left
        if not x.routed and r1 > 0 and c1 > 0:
            beyond[max(x.row - radius - top, 0):r1, max(x.col - radius - left, 0):c1] = False
    if beyond.any():
        todo = beyond
    elif foes:
        return foes[0].pos
    if not todo.any():
        return zone_centre(view, zone) if not mask[u.pos] else None
    rows, cols = np.nonzero(todo)
    rows, cols = rows + top, cols + left
    k = int(np.argmin((rows - u.row) ** 2 + (cols - u.col) ** 2))
    return int(rows[k]), int(cols[k])


def zone_box(grid: Grid, zone: str) -> tuple[int, int, int, int]:
    """Top, left, bottom, right (exclusive) of the zone's cells (an empty box for an empty zone; once per grid)."""
    def make() -> tuple[int, int, int, int]:
        rows, cols = np.nonzero(grid.zones[zone])
        if not rows.size:
            return 0, 0, 0, 0
        return int(rows.min()), int(cols.min()), int(rows.max()) + 1, int(cols.max()) + 1

    return memoised(grid, "zone_box", zone, make)


def climb_edge(view: SideView, at: Cell, radius: int = 6) -> tuple[Cell | None, Cell | None]:
    """The (foot, top) cells of the cliff edge nearest to ``at`` (within ``radius`` cells; the higher on ties)."""
    grid = view.grid
    return memoised(grid, "climb_edge", (at, radius), lambda: cliff_edge_near(grid, at, radius))


def cliff_edge_near(grid: Grid, at: Cell, radius: int) -> tuple[Cell | None, Cell | None]:
    """:func:`climb_edge` on the terrain alone."""
    best: tuple[Cell | None, Cell | None] = (None, None)
    best_key = None
    r0, c0 = at
    for r in range(max(r0 - radius, 0), min(r0 + radius + 1, grid.shape[0])):
        for c in range(max(c0 - radius, 0), min(c0 + radius + 1, grid.shape[1])):
            if not grid.cliff[r, c]:
                continue
            for dr, dc in DIRS:
                n = (r + dr, c + dc)
                if not inside(grid.shape, n[0], n[1]) or not crosses_cliff(grid.cliff, (r, c), n):
                    continue
                rise = float(grid.elevation[n]) - float(grid.elevation[r, c])
                if rise <= 0:
                    continue
                key = (round(math.hypot(r - r0, c - c0), 1), -round(rise / 25), r, c, n)
                if best_key is None or key < best_key:
                    best, best_key = ((r, c), n), key
    return best


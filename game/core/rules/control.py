"""Control of settlement and zone cells, and whether a named road is cut."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.core.los import line_of_sight
from game.core.memo import frozen, memo_table, memoised
from game.core.params import cells
from game.core.state import NO_SIDE

if TYPE_CHECKING:
    from game.core.context import Context
    from game.core.grid import Grid
    from game.core.setup import GameSetup
    from game.core.units import Unit

ROAD_CUTS_KEPT = 50_000  # (road, cell, reach) answers kept per grid across games


def influence(ctx: Context, side: str, radius: int) -> np.ndarray:
    """Cells within ``radius`` (Chebyshev) of a non-routed unit of ``side``."""
    m = np.zeros(ctx.setup.grid.shape, dtype=bool)
    for u in ctx.state.units_of(side):
        if u.routed:
            continue
        m[max(u.row - radius, 0):u.row + radius + 1, max(u.col - radius, 0):u.col + radius + 1] = True
    return m


def controllable(setup: GameSetup) -> np.ndarray:
    """Cells whose control is tracked: settlements and every zone."""
    grid = setup.grid
    m = grid.settlement >= 0
    for z in grid.zones.values():
        m = m | z
    return m


def update_control(ctx: Context) -> list[tuple[str, int]]:
    """Flip uncontested cells to the side whose units are near; returns (side, cells gained) pairs."""
    st = ctx.state
    sides = ctx.setup.sides
    radius = cells(ctx.params.control_radius_m, ctx.setup.grid.cell_m)
    rows, cols = ctx.for_setup("controllable cells", lambda: tuple(frozen(a) for a in np.nonzero(
        controllable(ctx.setup))))  # (only these cells are looked at: a few hundred of the map's tens of thousands)
    inf = [influence(ctx, s, radius)[rows, cols] for s in sides]
    gained: list[tuple[str, int]] = []
    for i, s in enumerate(sides):
        others = np.zeros(rows.shape, dtype=bool)
        for j in range(len(sides)):
            if j != i:
                others |= inf[j]
        flip = inf[i] & ~others & (st.control[rows, cols] != i)
        n = int(np.count_nonzero(flip))
        if n:
            st.control[rows[flip], cols[flip]] = i
            gained.append((s, n))
    return gained


def initial_control(setup: GameSetup, units: list[Unit]) -> np.ndarray:
    """Each settlement/zone cell starts with the side of the nearest unit (ties: the defender)."""
    grid = setup.grid
    control = np.full(grid.shape, NO_SIDE, dtype=np.int8)
    track = controllable(setup)
    rows, cols = np.nonzero(track)
    if rows.size == 0:
        return control
    defender = setup.sides.index(setup.side_with_role("defender"))
    best = np.full(rows.shape, np.inf)
    owner = np.full(rows.shape, defender, dtype=np.int8)
    for u in units:
        d = np.maximum(np.abs(rows - u.row), np.abs(cols - u.col)).astype(float)
        idx = setup.sides.index(u.side)
        closer = d < best
        tie = (d == best) & (idx == defender)
        owner[closer | tie] = idx
        best = np.minimum(best, d)
    control[rows, cols] = owner
    return control


def zone_share(ctx: Context, zone: str, side: str) -> float:
    """Share of the zone's cells controlled by ``side``."""
    grid = ctx.setup.grid
    cells_at = memoised(grid, "zone_cells", zone, lambda: frozen(np.flatnonzero(grid.zones[zone])))
    if cells_at.size == 0:
        return 0.0
    held = ctx.state.control.ravel()[cells_at] == ctx.setup.sides.index(side)
    return float(np.count_nonzero(held)) / cells_at.size


def road_cut(ctx: Context, road: str, by_side: str, *, as_known_to: str | None = None) -> bool:
    """True when ``by_side`` holds the road under fire outside the city zone.

    A non-routed unit cuts it by standing on or next to it, or by having a line of sight to a road cell
    within its longest direct-fire range (fire control, as the sources describe for the Stepanakert road).
    With ``as_known_to``, only the units that side knows of count (what its commanders can judge). Kept until
    a unit changes (``Context.for_now``).
    """
    return ctx.for_now(("road_cut", road, by_side, as_known_to), lambda: _road_cut(ctx, road, by_side, as_known_to))


def _road_cut(ctx: Context, road: str, by_side: str, as_known_to: str | None) -> bool:
    grid = ctx.setup.grid
    if road not in grid.roads:
        return False
    city = ctx.setup.city_zone if ctx.setup.city_zone in grid.zones else None
    cut_radius = cells(ctx.params.road_cut_radius_m, grid.cell_m)
    checks = ctx.params.fire_control_checks
    known = (lambda u: True) if as_known_to is None else (lambda u: ctx.sees(as_known_to, u))  # noqa: E731
    enemies: set[tuple[int, int]] | None = None  # where the enemy is (worked out once a unit holds the road)
    reaches: dict[str, int] = {}
    answers = memo_table(grid, "holds_road")
    for u in [u for u in ctx.state.units_of(by_side) if known(u)]:
        if u.routed or u.climbing:
            continue
        reach = reaches.get(u.type_id)
        if reach is None:
            direct = [w.range_m for w in ctx.setup.unit_types[u.type_id].weapons if not w.indirect]
            reach = reaches[u.type_id] = max(cut_radius, int(max(direct, default=0.0) // grid.cell_m))
        pos = (u.row, u.col)
        held = answers.get((road, city, pos, reach, cut_radius, checks))
        if held is None:
            held = holds_road(grid, road, city, pos, reach, cut_radius, checks)
        if not held:
            continue  # (asked first: it is answered from the memo, and most units are nowhere near the road)
        if enemies is None:
            enemies = {(e.row, e.col) for e in ctx.state.enemies_of(by_side) if not e.routed and known(e)}
        if enemies and any((u.row + dr, u.col + dc) in enemies for dr in (-1, 0, 1) for dc in (-1, 0, 1)):
            continue  # a unit in a fight of its own does not hold the road
        return True
    return False


def holds_road(grid: Grid, road: str, city: str | None, pos: tuple[int, int], reach: int, cut_radius: int,
               checks: int) -> bool:
    """:func:`cuts_from`, answered once per grid and question (it depends on the terrain only)."""
    key = (road, city, pos, reach, cut_radius, checks)
    known = memo_table(grid, "holds_road").get(key)
    if known is not None:
        return known
    return memoised(grid, "holds_road", key, lambda: cuts_from(grid, *key), limit=ROAD_CUTS_KEPT)


def road_outside(grid: Grid, road: str, city: str | None) -> np.ndarray:
    """The named road's cells outside the city zone (kept per grid, read-only)."""
    return memoised(grid, "road_outside", (road, city), lambda: frozen(
        grid.roads[road] & ~grid.zones[city] if city else grid.roads[road].copy()))


def cuts_from(grid: Grid, road: str, city: str | None, pos: tuple[int, int], reach: int, cut_radius: int,
              checks: int) -> bool:
    """Whether a unit at ``pos`` holds the road: a road cell within ``cut_radius`` x 1.5, or one of the
    ``checks`` nearest road cells within ``reach`` in its sight (terrain only: the same for every game)."""
    mask = road_outside(grid, road, city)
    r0, c0 = pos
    top, left = max(r0 - reach, 0), max(c0 - reach, 0)
    rows, cols = np.nonzero(mask[top:r0 + reach + 1, left:c0 + reach + 1])
    if rows.size == 0:
        return False
    rows, cols = rows + top, cols + left
    d = np.hypot(rows - r0, cols - c0)
    order = np.argsort(d, kind="stable")
    if d[order[0]] <= cut_radius * 1.5:
        return True
    return any(d[k] <= reach and line_of_sight(grid, pos, (int(rows[k]), int(cols[k]))) for k in order[:checks])

"""Which enemy units a side has spotted: sight lines, range, light, weather and concealment.

A target is spotted by an observer that has a sight line to its cell and is within that observer's
spotting range x light x :func:`detection_factor`. Adjacent targets are always spotted. The
:class:`Spotter` keeps, per side, what each observer sees, and recomputes only the observers and
targets touched since the last query (viewsheds are cached by cell and radius: the terrain is fixed, so
every game on the same grid shares them).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from operator import attrgetter

import numpy as np

from game.core.grid import Grid
from game.core.los import line_of_sight, viewshed, window_origin
from game.core.memo import clear_memo, frozen, memo_table, memoised
from game.core.params import RuleParams
from game.core.units import Unit, UnitType

Window = tuple[np.ndarray, int, int, int]  # viewshed, its top-left cell, viewing radius
Seer = tuple[int, int, "np.ndarray | None", int, int, int]  # row, col, viewshed (None: routed), top, left, radius
VS_CACHE_MAX = 16384  # viewsheds kept per grid (about 1 KB each at 3 km and 200 m cells)
SIGHT_LINES_KEPT = 100_000  # single sight lines kept per grid
WINDOWS_KEPT = 20_000  # observer windows (cell, type, light) kept by a game's spotter


def sight_radius_cells(utype: UnitType, grid: Grid, light: float) -> int:
    """Viewing radius in cells for a unit type under a light/weather factor (0..1), never wider than the map."""
    return max(1, min(int(utype.spotting_m * light / grid.cell_m), max(grid.shape)))


def detection_factor(grid: Grid, params: RuleParams, target: Unit) -> float:
    """How far (as a share of spotting range) a target can be detected: concealment hides, activity shows."""
    factor = 1.0 - params.concealment_effect * grid.concealment.item(target.row, target.col)
    if target.active or target.climbing:
        factor = min(1.0, factor * params.activity_detection)
    return factor


def sight_line(grid: Grid, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """:func:`~game.core.los.line_of_sight`, answered once per grid and pair of cells (terrain only)."""
    return memoised(grid, "sight_line", (a, b), lambda: line_of_sight(grid, a, b), limit=SIGHT_LINES_KEPT)


@lru_cache(maxsize=64)
def hypot_table(radius: int) -> list[list[float]]:
    """``np.hypot(dr, dc)`` for offsets within ``radius``, indexed ``[dr + radius][dc + radius]`` (plain floats:
    the values numpy gives, looked up without numpy's per-call overhead)."""
    dr, dc = np.mgrid[-radius:radius + 1, -radius:radius + 1]
    return np.hypot(dr.astype(np.int64), dc.astype(np.int64)).tolist()


class Band:
    """Units sorted by row, to pick those within some rows of a cell (an observer's window) by bisection."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = sorted(units, key=attrgetter("row"))
        self.rows = [u.row for u in self.units]

    def within(self, row: int, reach: int) -> list[Unit]:
        """The units in rows ``row - reach`` to ``row + reach`` (in row order)."""
        return self.units[bisect_left(self.rows, row - reach):bisect_right(self.rows, row + reach)]


class Spotter:
    """Per-side spotting with incremental updates: ``touch`` what changed, ``reset`` when light changes."""

    def __init__(self, grid: Grid, types: dict[str, UnitType], params: RuleParams) -> None:
        self.grid = grid
        self.types = types
        self.params = params
        self._rows: dict[str, dict[str, set[str]]] = {}  # side -> observer id -> target ids it spots
        self._seers: dict[str, dict[str, Seer]] = {}  # side -> observer id -> where it looks from, as in its row
        self._rows_light = -1.0  # the light the rows were worked out in
        self._bands: dict[str, Band] = {}  # side -> its targets by row, while none of them has changed
        self._watch: dict[str, tuple[Band, int]] = {}  # side -> its observers by row and their widest radius,
        # while none of them has changed
        self._dirty: dict[str, set[str]] = {}
        self._viewsheds = memo_table(grid, "viewshed")  # (cell, radius) -> window, shared by games on the grid
        self._windows: dict[tuple[tuple[int, int], str, float], Window] = {}
        self._radii: dict[tuple[str, float], int] = {}  # (unit type, light) -> viewing radius

    def reset(self) -> None:
        """Forget everything (new turn: light, weather and activity changed)."""
        self._rows.clear()
        self._seers.clear()
        self._bands.clear()
        self._watch.clear()
        self._dirty.clear()  # (windows are kept: they are by cell, type and light)

    def clear_viewsheds(self) -> None:
        clear_memo(self.grid, "viewshed")
        self._windows.clear()
        self.reset()

    def touch(self, unit_id: str) -> None:
        """A unit moved, died, routed, rallied, fired or started climbing."""
        for dirty in self._dirty.values():
            dirty.add(unit_id)

    def window(self, o: Unit, light: float) -> Window:
        """The observer's viewshed (cached) with its top-left cell and radius."""
        pos = (o.row, o.col)
        key = (pos, o.type_id, light)
        win = self._windows.get(key)
        if win is None:
            radius = self._radii.get((o.type_id, light))
            if radius is None:
                radius = self._radii[(o.type_id, light)] = sight_radius_cells(self.types[o.type_id], self.grid, light)
            if len(self._windows) >= WINDOWS_KEPT:
                self._windows.clear()
            win = self._viewsheds.get((pos, radius))
            if win is None:
                win = (frozen(viewshed(self.grid, pos, radius)),) + window_origin(self.grid, pos, radius) + (radius,)
                if len(self._viewsheds) >= VS_CACHE_MAX:
                    self._viewsheds.clear()
                self._viewsheds[(pos, radius)] = win
            self._windows[key] = win
        return win

    def _row(self, o: Unit, targets: list[Unit] | Band, light: float, factors: dict[str, float],
             seers: dict[str, Seer]) -> set[str]:
        """Target ids one observer spots: adjacent ones, and those in its viewshed within its range x
        :func:`detection_factor` (distances from :func:`hypot_table`, numpy's ``hypot``; ``factors`` keeps each
        target's detection factor for the rows of one update). Notes in ``seers`` where it looks from."""
        orow, ocol = o.row, o.col
        out: set[str] = set()
        if o.routed:
            seers[o.id] = (orow, ocol, None, 0, 0, 0)
            near = targets.within(orow, 1) if isinstance(targets, Band) else targets
            return {t.id for t in near if -1 <= t.row - orow <= 1 and -1 <= t.col - ocol <= 1}
        vs, top, left, radius = self.window(o, light)
        seers[o.id] = (orow, ocol, vs, top, left, radius)
        if isinstance(targets, Band):
            targets = targets.within(orow, radius)
        height, width = vs.shape
        hyp = hypot_table(radius)
        seen = vs.item
        for t in targets:
            tr, tc = t.row, t.col
            dr, dc = tr - orow, tc - ocol
            if -1 <= dr <= 1 and -1 <= dc <= 1:
                out.add(t.id)
                continue
            r, c = tr - top, tc - left
            if 0 <= r < height and 0 <= c < width and seen(r, c):
                factor = factors.get(t.id)
                if factor is None:
                    factor = factors[t.id] = detection_factor(self.grid, self.params, t)
                if hyp[dr + radius][dc + radius] <= radius * factor:
                    out.add(t.id)
        return out

    def sees_cell(self, o: Unit, cell: tuple[int, int], light: float) -> bool:
        """Whether observer ``o`` has a sight line to ``cell``: the one rule for spotting, direct fire and
        the tooltip (adjacent cells always; else its viewshed, or a sight line beyond its viewing radius)."""
        if max(abs(cell[0] - o.row), abs(cell[1] - o.col)) <= 1:
            return True
        vs, top, left, radius = self.window(o, light)
        dr, dc = cell[0] - o.row, cell[1] - o.col
        if dr * dr + dc * dc <= radius * radius:
            return bool(vs[cell[0] - top, cell[1] - left])
        return sight_line(self.grid, o.pos, cell)

    def spots(self, o: Unit, t: Unit, light: float) -> bool:
        """Whether observer ``o`` spots target ``t`` (the rule of :meth:`_row` for one pair, without numpy)."""
        dr, dc = t.row - o.row, t.col - o.col
        if max(abs(dr), abs(dc)) <= 1:
            return True
        if o.routed:
            return False
        vs, top, left, radius = self.window(o, light)
        r, c = t.row - top, t.col - left
        if not (0 <= r < vs.shape[0] and 0 <= c < vs.shape[1]) or not vs[r, c]:
            return False
        return (dr * dr + dc * dc) ** 0.5 <= radius * detection_factor(self.grid, self.params, t)

    def spots_any(self, observers: list[Unit], target: Unit, light: float) -> bool:
        """Whether any of ``observers`` spots ``target`` (computed afresh, e.g. for a unit just destroyed)."""
        return any(self.spots(o, target, light) for o in observers)

    def spotted(self, side: str, observers: list[Unit], targets: list[Unit], light: float) -> list[str]:
        """Ids of ``targets`` spotted by ``side``'s ``observers``, in target order."""
        if light != self._rows_light:  # (the light changes with the turn, which resets anyway)
            self.reset()
            self._rows_light = light
        rows = self._rows.get(side)
        dirty = self._dirty.get(side) or set()
        factors: dict[str, float] = {}
        seers = self._seers.setdefault(side, {})
        if rows is None:
            band = self._bands[side] = Band(targets)
            rows = {o.id: self._row(o, band, light, factors, seers) for o in observers}
        elif dirty:
            others = dirty.difference(rows)  # touched units with no row: targets (or new observers)
            if others:
                self._bands.pop(side, None)
            # every unit that dies or enters is touched: with no touched observer and as many rows as observers,
            # the rows are for these observers and stand
            if len(others) != len(dirty) or len(rows) != len(observers):  # an observer changed
                self._watch.pop(side, None)
                self._redo_rows(side, observers, targets, dirty, rows, light, factors, seers)
            for tid in others:
                if tid in rows:  # a new observer (its row is fresh)
                    continue
                for t in targets:
                    if t.id == tid:
                        self._update_column(t, self._watchers(side, observers, dirty, seers), rows, seers)
                        break
                else:  # gone (destroyed), or an own unit destroyed: in no row any more
                    for row in rows.values():
                        row.discard(tid)
        self._rows[side] = rows
        self._dirty[side] = set()
        seen_ids: set[str] = set().union(*rows.values()) if rows else set()
        return [t.id for t in targets if t.id in seen_ids]

    def _redo_rows(self, side: str, observers: list[Unit], targets: list[Unit], dirty: set[str],
                   rows: dict[str, set[str]], light: float, factors: dict[str, float], seers: dict[str, Seer]) -> None:
        """Work out afresh the rows of the touched and new observers; forget those of observers gone."""
        for o in observers:
            if o.id in dirty or o.id not in rows:
                band = self._bands.get(side)
                if band is None:
                    band = self._bands[side] = Band(targets)
                rows[o.id] = self._row(o, band, light, factors, seers)
        if len(rows) != len(observers):  # observers gone (destroyed): forget their rows
            current = {o.id for o in observers}
            for oid in [k for k in rows if k not in current]:
                del rows[oid], seers[oid]

    def _watchers(self, side: str, observers: list[Unit], dirty: set[str], seers: dict[str, Seer]) -> tuple[Band, int]:
        """The side's observers whose rows stand (not in ``dirty``) by row, and their widest radius (kept while
        none of the side's observers changes)."""
        watch = self._watch.get(side)
        if watch is None:
            steady = [o for o in observers if o.id not in dirty]
            watch = Band(steady), max((max(seers[o.id][5], 1) for o in steady), default=1)
            if len(steady) == len(observers):
                self._watch[side] = watch
        return watch

    def _update_column(self, t: Unit, watch: tuple[Band, int], rows: dict[str, set[str]],
                       seers: dict[str, Seer]) -> None:
        """Mark in the row of each observer of ``watch`` (a band of observers whose rows stand, and the widest
        radius among them) whether it spots target ``t``: the rule of :meth:`spots`, inlined over the observers
        within that many rows of it, each looking from where its row was worked out (``seers``); the others
        cannot see it."""
        tid, tr, tc = t.id, t.row, t.col
        band, reach = watch
        for o in band.units:
            rows[o.id].discard(tid)
        factor = None
        for o in band.within(tr, reach):
            row = rows[o.id]
            orow, ocol, vs, top, left, radius = seers[o.id]
            dr, dc = tr - orow, tc - ocol
            if -1 <= dr <= 1 and -1 <= dc <= 1:
                row.add(tid)
                continue
            if vs is not None and -radius <= dr <= radius and -radius <= dc <= radius:  # else outside its window
                r, c = tr - top, tc - left
                height, width = vs.shape
                if 0 <= r < height and 0 <= c < width and vs.item(r, c):
                    if factor is None:
                        factor = detection_factor(self.grid, self.params, t)
                    if (dr * dr + dc * dc) ** 0.5 <= radius * factor:
                        row.add(tid)

    def visible_cells(self, observers: list[Unit], light: float) -> np.ndarray:
        """Union of the observers' viewsheds: the cells a side can see (fog of war)."""
        seen = np.zeros(self.grid.shape, dtype=bool)
        for o in observers:
            if o.routed:
                continue
            vs, top, left, _ = self.window(o, light)
            seen[top:top + vs.shape[0], left:left + vs.shape[1]] |= vs
        return seen

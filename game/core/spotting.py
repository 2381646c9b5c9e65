"""Which enemy units a side has spotted: sight lines, range, light, weather and concealment.

A target is spotted by an observer that has a sight line to its cell and is within that observer's
spotting range x light x :func:`detection_factor`. Adjacent targets are always spotted. The
:class:`Spotter` keeps, per side, what each observer sees, and recomputes only the observers and
targets touched since the last query (viewsheds are cached by cell and radius: the terrain is fixed, so
every game on the same grid shares them).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from game.core.grid import Grid
from game.core.los import line_of_sight, viewshed, window_origin
from game.core.memo import clear_memo, frozen, memo_table, memoised
from game.core.params import RuleParams
from game.core.units import Unit, UnitType

Window = tuple[np.ndarray, int, int, int]  # viewshed, its top-left cell, viewing radius
VS_CACHE_MAX = 16384  # viewsheds kept per grid (about 1 KB each at 3 km and 200 m cells)
SIGHT_LINES_KEPT = 100_000  # single sight lines kept per grid
WINDOWS_KEPT = 20_000  # observer sights (cell, type, light) kept by a game's spotter


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
def hypot_table(radius: int) -> list[float]:
    """``np.hypot(dr, dc)`` for offsets within ``radius``, indexed ``(dr + radius) * (2 * radius + 1) + dc +
    radius`` (plain floats: the values numpy gives, looked up without numpy's per-call overhead)."""
    dr, dc = np.mgrid[-radius:radius + 1, -radius:radius + 1]
    return np.hypot(dr.astype(np.int64), dc.astype(np.int64)).ravel().tolist()


@lru_cache(maxsize=64)
def root_table(radius: int) -> list[float]:
    """``k ** 0.5`` for ``k`` up to ``2 * radius ** 2`` (the distance ``(dr * dr + dc * dc) ** 0.5`` of an offset
    within ``radius``, looked up)."""
    return [k ** 0.5 for k in range(2 * radius * radius + 1)]


@lru_cache(maxsize=64)
def tables_agree(radius: int) -> bool:
    """Whether :func:`hypot_table` and :func:`root_table` give the same distance for every offset within
    ``radius`` (they do up to a radius of 26 cells): then a pair judged by an observer's row and by a target's
    column comes out the same, and which of the two worked it out last does not matter."""
    hyp, roots, span = hypot_table(radius), root_table(radius), 2 * radius + 1
    return all(hyp[(dr + radius) * span + dc + radius] == roots[dr * dr + dc * dc]
               for dr in range(-radius, radius + 1) for dc in range(-radius, radius + 1))


class Sight:
    """An observer's view from a cell: its viewshed window (read-only), the window's top-left cell and the viewing
    radius; the window's cells also as bytes (row-major, 1 = visible) and the distance tables of the radius, for
    reads without numpy's per-call cost. Shared by every game on the grid."""

    def __init__(self, vs: np.ndarray, top: int, left: int, radius: int) -> None:
        self.vs = vs
        self.top = top
        self.left = left
        self.radius = radius
        self.height = int(vs.shape[0])
        self.width = int(vs.shape[1])
        self.bits = vs.tobytes()
        self.hyp = hypot_table(radius)
        self.roots = root_table(radius)
        self.agree = tables_agree(radius)

    def shows(self, row: int, col: int) -> bool:
        """Whether the map cell is in the window and visible."""
        r, c = row - self.top, col - self.left
        return 0 <= r < self.height and 0 <= c < self.width and self.bits[r * self.width + c] != 0


class Seer:
    """Where an observer looked from when its row was worked out (``sight`` None: routed, adjacent cells only)."""

    def __init__(self, row: int, col: int, sight: Sight | None) -> None:
        self.row = row
        self.col = col
        self.sight = sight

    def stands(self, o: Unit) -> bool:
        """Whether ``o``'s row, kept up to date by columns, is what working it out afresh would give: ``o`` looks
        from the same cell, routed or not as before, and its distance tables agree (:func:`tables_agree`)."""
        s = self.sight
        return self.row == o.row and self.col == o.col and (s is None) == o.routed and (s is None or s.agree)


class Spotter:
    """Per-side spotting with incremental updates: ``touch`` what changed, ``reset`` when light changes."""

    def __init__(self, grid: Grid, types: dict[str, UnitType], params: RuleParams) -> None:
        self.grid = grid
        self.types = types
        self.params = params
        self._rows: dict[str, dict[str, set[str]]] = {}  # side -> observer id -> target ids it spots
        self._seers: dict[str, dict[str, Seer]] = {}  # side -> observer id -> where it looks from, as in its row
        self._rows_light = -1.0  # the light the rows were worked out in
        self._dirty: dict[str, set[str]] = {}
        self._viewsheds = memo_table(grid, "viewshed")  # (cell, radius) -> sight, shared by games on the grid
        self._sights: dict[float, dict[int, Sight]] = {}  # light -> cell and unit type (:meth:`sight`) -> sight
        self._sights_now: dict[int, Sight] = {}  # those of ``_sights_light``
        self._sights_light = -1.0
        self._type_index = {tid: i for i, tid in enumerate(types)}
        self._cols = int(grid.shape[1])
        self._radii: dict[tuple[str, float], int] = {}  # (unit type, light) -> viewing radius

    def reset(self) -> None:
        """Forget everything (new turn: light, weather and activity changed)."""
        self._rows.clear()
        self._seers.clear()
        self._dirty.clear()  # (sights are kept: they are by cell, type and light)

    def clear_viewsheds(self) -> None:
        clear_memo(self.grid, "viewshed")
        self._sights.clear()
        self._sights_now = {}
        self._sights_light = -1.0
        self.reset()

    def touch(self, unit_id: str) -> None:
        """A unit moved, died, routed, rallied, fired or started climbing."""
        for dirty in self._dirty.values():
            dirty.add(unit_id)

    def window(self, o: Unit, light: float) -> Window:
        """The observer's viewshed (cached) with its top-left cell and radius."""
        s = self.sight(o, light)
        return s.vs, s.top, s.left, s.radius

    def sight(self, o: Unit, light: float) -> Sight:
        """The observer's :class:`Sight` from its cell (cached)."""
        if light != self._sights_light:
            self._sights_now = self._sights.setdefault(light, {})
            self._sights_light = light
        key = (o.row * self._cols + o.col) * len(self._type_index) + self._type_index[o.type_id]
        s = self._sights_now.get(key)
        if s is None:
            radius = self._radii.get((o.type_id, light))
            if radius is None:
                radius = self._radii[(o.type_id, light)] = sight_radius_cells(self.types[o.type_id], self.grid, light)
            if len(self._sights_now) >= WINDOWS_KEPT:
                self._sights_now.clear()
            pos = (o.row, o.col)
            s = self._viewsheds.get((pos, radius))
            if s is None:
                top, left = window_origin(self.grid, pos, radius)
                s = Sight(frozen(viewshed(self.grid, pos, radius)), top, left, radius)
                if len(self._viewsheds) >= VS_CACHE_MAX:
                    self._viewsheds.clear()
                self._viewsheds[(pos, radius)] = s
            self._sights_now[key] = s
        return s

    def _row(self, o: Unit, targets: list[Unit], light: float, factors: dict[str, float],
             seers: dict[str, Seer]) -> set[str]:
        """Target ids one observer spots: adjacent ones, and those in its viewshed within its range x
        :func:`detection_factor` (distances from :func:`hypot_table`, numpy's ``hypot``; ``factors`` keeps each
        target's detection factor for the rows of one update). Notes in ``seers`` where it looks from."""
        orow, ocol = o.row, o.col
        out: set[str] = set()
        if o.routed:
            seers[o.id] = Seer(orow, ocol, None)
            for t in targets:
                dr, dc = t.row - orow, t.col - ocol
                if -1 <= dr <= 1 and -1 <= dc <= 1:
                    out.add(t.id)
            return out
        s = self.sight(o, light)
        seers[o.id] = Seer(orow, ocol, s)
        radius, top, left, height, width, bits, hyp = s.radius, s.top, s.left, s.height, s.width, s.bits, s.hyp
        span = 2 * radius + 1
        for t in targets:
            tr, tc = t.row, t.col
            dr, dc = tr - orow, tc - ocol
            if -1 <= dr <= 1 and -1 <= dc <= 1:
                out.add(t.id)
                continue
            r, c = tr - top, tc - left
            if 0 <= r < height and 0 <= c < width and bits[r * width + c]:
                factor = factors.get(t.id)
                if factor is None:
                    factor = factors[t.id] = detection_factor(self.grid, self.params, t)
                if hyp[(dr + radius) * span + dc + radius] <= radius * factor:
                    out.add(t.id)
        return out

    def sees_cell(self, o: Unit, cell: tuple[int, int], light: float) -> bool:
        """Whether observer ``o`` has a sight line to ``cell``: the one rule for spotting, direct fire and
        the tooltip (adjacent cells always; else its viewshed, or a sight line beyond its viewing radius)."""
        if max(abs(cell[0] - o.row), abs(cell[1] - o.col)) <= 1:
            return True
        s = self.sight(o, light)
        dr, dc = cell[0] - o.row, cell[1] - o.col
        if dr * dr + dc * dc <= s.radius * s.radius:
            return s.shows(cell[0], cell[1])
        return sight_line(self.grid, o.pos, cell)

    def spots(self, o: Unit, t: Unit, light: float) -> bool:
        """Whether observer ``o`` spots target ``t`` (the rule of :meth:`_row` for one pair)."""
        dr, dc = t.row - o.row, t.col - o.col
        if max(abs(dr), abs(dc)) <= 1:
            return True
        if o.routed:
            return False
        s = self.sight(o, light)
        if not s.shows(t.row, t.col):
            return False
        return (dr * dr + dc * dc) ** 0.5 <= s.radius * detection_factor(self.grid, self.params, t)

    def spots_any(self, observers: list[Unit], target: Unit, light: float) -> bool:
        """Whether any of ``observers`` spots ``target`` (computed afresh, e.g. for a unit just destroyed)."""
        return any(self.spots(o, target, light) for o in observers)

    def spotted(self, side: str, observers: list[Unit], targets: list[Unit], light: float) -> list[str]:
        """Ids of ``targets`` spotted by ``side``'s ``observers``, in target order."""
        rows = self._update(side, observers, targets, light)
        seen_ids: set[str] = set().union(*rows.values()) if rows else set()
        return [t.id for t in targets if t.id in seen_ids]

    def spots_target(self, side: str, observers: list[Unit], targets: list[Unit], light: float,
                     target_id: str) -> bool:
        """Whether ``target_id`` is among :meth:`spotted` (without listing the others)."""
        for row in self._update(side, observers, targets, light).values():
            if target_id in row:
                return True
        return False

    def _update(self, side: str, observers: list[Unit], targets: list[Unit], light: float) -> dict[str, set[str]]:
        """The side's rows (observer id -> target ids it spots), brought up to date."""
        if light != self._rows_light:  # (the light changes with the turn, which resets anyway)
            self.reset()
            self._rows_light = light
        rows = self._rows.get(side)
        dirty = self._dirty.get(side)
        factors: dict[str, float] = {}
        seers = self._seers.setdefault(side, {})
        if rows is None:
            rows = {o.id: self._row(o, targets, light, factors, seers) for o in observers}
        elif dirty:
            others = dirty.difference(rows)  # touched units with no row: targets (or new observers)
            # every unit that dies or enters is touched: with no touched observer and as many rows as observers,
            # the rows are for these observers and stand
            fresh = dirty
            if len(others) != len(dirty) or len(rows) != len(observers):  # an observer changed
                fresh = self._redo_rows(observers, targets, dirty, rows, light, factors, seers)
            for tid in others:
                if tid in rows:  # a new observer (its row is fresh)
                    continue
                for t in targets:
                    if t.id == tid:
                        self._update_column(t, observers, fresh, rows, seers)
                        break
                else:  # gone (destroyed), or an own unit destroyed: in no row any more
                    for row in rows.values():
                        row.discard(tid)
        self._rows[side] = rows
        self._dirty[side] = set()
        return rows

    def _redo_rows(self, observers: list[Unit], targets: list[Unit], dirty: set[str], rows: dict[str, set[str]],
                   light: float, factors: dict[str, float], seers: dict[str, Seer]) -> set[str]:
        """Work out afresh the rows of the touched and new observers, but those of touched observers whose rows
        stand (:meth:`Seer.stands`, e.g. after firing); forget those of observers gone. Returns the ids of the
        touched observers whose rows were worked out afresh."""
        fresh: set[str] = set()
        for o in observers:
            oid = o.id
            if oid in dirty:
                seer = seers.get(oid)
                if seer is not None and oid in rows and seer.stands(o):
                    continue
                fresh.add(oid)
                rows[oid] = self._row(o, targets, light, factors, seers)
            elif oid not in rows:
                rows[oid] = self._row(o, targets, light, factors, seers)
        if len(rows) != len(observers):  # observers gone (destroyed): forget their rows
            current = {o.id for o in observers}
            for gone in [k for k in rows if k not in current]:
                del rows[gone], seers[gone]
        return fresh

    def _update_column(self, t: Unit, observers: list[Unit], fresh: set[str], rows: dict[str, set[str]],
                       seers: dict[str, Seer]) -> None:
        """Mark in the row of each observer not in ``fresh`` (rows just worked out) whether it spots target ``t``:
        the rule of :meth:`spots`, inlined, each observer looking from where its row was worked out (``seers``)."""
        tid, tr, tc = t.id, t.row, t.col
        factor: float | None = None
        for o in observers:
            oid = o.id
            if oid in fresh:
                continue
            row = rows[oid]
            seer = seers[oid]
            dr, dc = tr - seer.row, tc - seer.col
            if -1 <= dr <= 1 and -1 <= dc <= 1:
                row.add(tid)
                continue
            s = seer.sight
            if s is not None:
                radius = s.radius
                if -radius <= dr <= radius and -radius <= dc <= radius:  # else outside its window
                    r, c = tr - s.top, tc - s.left
                    if 0 <= r < s.height and 0 <= c < s.width and s.bits[r * s.width + c]:
                        if factor is None:
                            factor = detection_factor(self.grid, self.params, t)
                        if s.roots[dr * dr + dc * dc] <= radius * factor:
                            row.add(tid)
                            continue
            row.discard(tid)

    def visible_cells(self, observers: list[Unit], light: float) -> np.ndarray:
        """Union of the observers' viewsheds: the cells a side can see (fog of war)."""
        seen = np.zeros(self.grid.shape, dtype=bool)
        for o in observers:
            if o.routed:
                continue
            s = self.sight(o, light)
            seen[s.top:s.top + s.height, s.left:s.left + s.width] |= s.vs
        return seen

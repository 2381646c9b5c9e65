"""A game's routes against the documented ones: discrete Fréchet distance and the share of moves near them.

Definitions (``DEFINITIONS`` is printed with every report):

- **Coordinates** are km on the scenario's grid: ``x`` east and ``y`` south of the frame's north-west corner.
  A documented waypoint goes lat/lon -> continuous (row, col) through the grid's ``GeoFrame``; a unit in cell
  ``(r, c)`` stands at the cell's centre ``((c + 0.5) * cell_km, (r + 0.5) * cell_km)``.
- **Documented route** of a history route group: its dated waypoints joined by straight lines, cut to the
  game's time: waypoints before the scenario start are replaced by where the line was at the start
  (interpolated linearly in time); for an unfinished (saved) game it is also cut at the end of the last turn
  played. A finished game is compared with the whole route from the start on.
- **Units of a group**: a route group that names a unit id is that unit; one that names a unit type is every
  unit of that type on the route's side; any other label matches no unit (reported, not guessed).
- **Track** of a unit: its start cell (or arrival cell), then its cell after every move, climb, retreat or
  advance after an assault, in order (from the engine's event log).
- **Fréchet distance**: the discrete Fréchet distance (``similaritymeasures.frechet_dist``) between the
  documented route and the track, both resampled to points at most ``STEP_KM`` apart along their straight
  segments, so it approximates the continuous distance. A group of several units: the mean of theirs.
- **Corridor share**: the share of a group's positions after each move whose distance to the documented
  route (the polyline) is at most ``CORRIDOR_KM``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from game.core import events as E
from game.core.clock import Clock
from game.core.grid import Grid
from game.core.setup import GameSetup, HistoryRoute
from game.core.units import Unit

STEP_KM = 0.25
CORRIDOR_KM = 1.0
DEFINITIONS = (
    f"Fréchet distance: discrete Fréchet distance (similaritymeasures) between the documented route and the "
    f"unit's track, both resampled every {STEP_KM} km; km on the game grid; a group of several units: their "
    f"mean. Corridor share: share of the group's positions after each move (move, climb, retreat, advance) "
    f"within {CORRIDOR_KM:g} km of the documented route. The documented route is its dated waypoints joined "
    f"by straight lines from the scenario start (earlier waypoints interpolated to the start), cut at the "
    f"last turn played for an unfinished game. A route group names a unit id (that unit) or a unit type "
    f"(every unit of that type on its side)."
)


@dataclass(frozen=True)
class DocumentedRoute:
    """A history route group's polyline in km, with the time and place label of each vertex."""

    group: str
    side: str
    points: np.ndarray  # (n, 2) km
    times: tuple[datetime, ...]
    labels: tuple[str, ...]  # the waypoint's place id, "" for a coordinate or an interpolated point


@dataclass(frozen=True)
class Track:
    """One unit's positions in km: where it started (or arrived), then after each move, with the turn."""

    unit: str
    points: np.ndarray  # (n, 2) km
    turns: tuple[int, ...]

    @property
    def moves(self) -> np.ndarray:
        """Positions after each move (the start left out)."""
        return self.points[1:]


@dataclass(frozen=True)
class RouteComparison:
    """How a group's units went against its documented route (``None`` when no unit matches)."""

    group: str
    side: str
    units: tuple[str, ...]
    frechet_km: float | None
    corridor_share: float | None
    moves: int
    inside: int
    per_unit_km: dict[str, float]
    name: str = ""  # what a player reads for the group (``group_name``); ids stay in ``group`` / ``units``
    unit_names: tuple[str, ...] = ()  # the units' names, in the order of ``units``


def cell_km(grid: Grid) -> float:
    return grid.cell_m / 1000.0


def latlon_km(grid: Grid, lat: float, lon: float) -> tuple[float, float]:
    """``(x, y)`` km of a lat/lon on the grid. Example: the frame's NW corner is ``(0.0, 0.0)``."""
    row, col = grid.frame.to_rc_float(lat, lon)
    k = cell_km(grid)
    return col * k, row * k


def cells_km(grid: Grid, cells: Iterable[tuple[int, int]]) -> np.ndarray:
    """Cell centres ``[(row, col), ...]`` as an ``(n, 2)`` array of ``(x, y)`` km."""
    rc = np.asarray(list(cells), dtype=float).reshape(-1, 2)
    return (rc[:, ::-1] + 0.5) * cell_km(grid)


def documented_route(grid: Grid, route: HistoryRoute, *, start: datetime,
                     until: datetime | None = None) -> DocumentedRoute:
    """The route's polyline in km, cut to ``[start, until]`` in time (see the module's definitions).

    Example: waypoints A (1 Oct) and B (3 Oct) cut from 2 Oct give the midpoint of A-B, then B."""
    wps = route.waypoints
    t0 = wps[0].time
    pts = np.array([latlon_km(grid, w.lat, w.lon) for w in wps], dtype=float)
    t = np.array([(w.time - t0).total_seconds() for w in wps])
    lo = max((start - t0).total_seconds(), t[0])
    hi = max(lo, min((until - t0).total_seconds(), t[-1]) if until is not None else t[-1])
    inner = np.flatnonzero((t > lo) & (t < hi))
    keep = np.concatenate([[lo], t[inner], [hi]] if hi > lo else [[lo]])
    xy = np.column_stack([np.interp(keep, t, pts[:, 0]), np.interp(keep, t, pts[:, 1])])
    labels = [_label_at(route, t, lo), *(wps[i].place for i in inner)] + ([_label_at(route, t, hi)] if hi > lo
                                                                             else [])
    times = tuple(t0 + timedelta(seconds=float(s)) for s in keep)
    return DocumentedRoute(route.group, route.side, xy, times, tuple(labels))


def _label_at(route: HistoryRoute, t: np.ndarray, at: float) -> str:
    """The place id of the waypoint dated exactly ``at`` (seconds from the first), else ""."""
    hits = np.flatnonzero(t == at)
    return route.waypoints[int(hits[0])].place if len(hits) else ""


def all_units(setup: GameSetup) -> list[Unit]:
    """The units at the start and every reinforcement's."""
    return [*setup.units, *(u for rf in setup.reinforcements for u in rf.units)]


def group_units(setup: GameSetup, route: HistoryRoute) -> tuple[str, ...]:
    """The game units that follow ``route``: the unit it names, or every unit of the type it names."""
    units = all_units(setup)
    if any(u.id == route.group for u in units):
        return (route.group,)
    return tuple(sorted(u.id for u in units if u.type_id == route.group and u.side == route.side))


def unit_names(setup: GameSetup) -> dict[str, str]:
    """Every unit's name by id, reinforcements included. Example: ``{"sf_1": "Special-forces group 1", ...}``."""
    return {u.id: u.name for u in all_units(setup)}


def group_name(setup: GameSetup, route: HistoryRoute) -> str:
    """What a player reads for a route group: the named unit's name, ``every <type name>`` for a unit type,
    else the label as the scenario writes it. Example: ``sf_1`` -> ``Special-forces group 1``."""
    names = unit_names(setup)
    if route.group in names:
        return names[route.group]
    utype = setup.unit_types.get(route.group)
    return f"every {utype.name}" if utype is not None else route.group


def tracks(setup: GameSetup, log: Iterable[E.Event]) -> dict[str, Track]:
    """Every unit's track from the engine's event log (start cells from the setup)."""
    cells: dict[str, list[tuple[int, int]]] = {u.id: [u.pos] for u in setup.units}
    turns: dict[str, list[int]] = {u.id: [0] for u in setup.units}
    for ev in log:
        if isinstance(ev, E.ReinforcementArrived):
            cells[ev.unit], turns[ev.unit] = [ev.cell], [ev.turn]
        elif isinstance(ev, E.UnitMoved | E.Climbed | E.Retreated) and ev.unit in cells:
            cells[ev.unit].append(tuple(ev.to))
            turns[ev.unit].append(ev.turn)
    return {u: Track(u, cells_km(setup.grid, cells[u]), tuple(turns[u])) for u in sorted(cells)}


def resample(points: np.ndarray, step: float = STEP_KM) -> np.ndarray:
    """The polyline with points added along each segment so that none are more than ``step`` apart.

    Example: ``resample([[0, 0], [1, 0]], 0.25)`` has the points x = 0, 0.25, 0.5, 0.75, 1."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(pts) < 2:
        return pts
    out = [pts[:1]]
    for a, b in zip(pts[:-1], pts[1:], strict=True):
        n = max(1, math.ceil(float(np.hypot(*(b - a))) / step - 1e-9))
        out.append(a + (b - a) * (np.arange(1, n + 1)[:, None] / n))
    return np.concatenate(out)


def frechet_km(route: np.ndarray, track: np.ndarray, step: float = STEP_KM) -> float:
    """Discrete Fréchet distance between two polylines in km, each resampled every ``step`` km.

    Example: two parallel straight lines 1 km apart are 1 km apart."""
    import similaritymeasures

    return float(similaritymeasures.frechet_dist(resample(route, step), resample(track, step)))


def distance_to_polyline(points: np.ndarray, polyline: np.ndarray) -> np.ndarray:
    """Each point's distance to the nearest segment of ``polyline`` (a single vertex: to that point).

    Example: ``(1, 1)`` is 1 km from the polyline ``(0, 0)-(2, 0)``, ``(3, 0)`` also 1 km (its end)."""
    p = np.asarray(points, dtype=float).reshape(-1, 1, 2)
    line = np.asarray(polyline, dtype=float).reshape(-1, 2)
    a, b = (line[:-1], line[1:]) if len(line) > 1 else (line, line)
    ab = b - a
    length2 = np.maximum((ab * ab).sum(axis=1), 1e-18)
    t = np.clip(((p - a) * ab).sum(axis=2) / length2, 0.0, 1.0)
    nearest = a + t[..., None] * ab
    return np.sqrt(((p - nearest) ** 2).sum(axis=2)).min(axis=1)


def corridor_count(points: np.ndarray, polyline: np.ndarray, width: float = CORRIDOR_KM) -> int:
    """How many of ``points`` lie within ``width`` km of the polyline."""
    if len(points) == 0:
        return 0
    return int((distance_to_polyline(points, polyline) <= width + 1e-9).sum())


def corridor_share(points: np.ndarray, polyline: np.ndarray, width: float = CORRIDOR_KM) -> float | None:
    """Share of ``points`` within ``width`` km of the polyline (None for no points)."""
    return corridor_count(points, polyline, width) / len(points) if len(points) else None


def compare_group(doc: DocumentedRoute, units: tuple[str, ...], all_tracks: dict[str, Track], *,
                  name: str = "", names: dict[str, str] | None = None) -> RouteComparison:
    """Fréchet distance (mean over the units) and corridor share (pooled moves) of one group; ``name`` and
    ``names`` (unit id -> name) are what the reports show instead of ids."""
    found = [all_tracks[u] for u in units if u in all_tracks]
    per_unit = {t.unit: frechet_km(doc.points, t.points) for t in found}
    moves = sum(len(t.moves) for t in found)
    inside = sum(corridor_count(t.moves, doc.points) for t in found)
    ids = tuple(t.unit for t in found)
    return RouteComparison(doc.group, doc.side, ids,
                           float(np.mean(list(per_unit.values()))) if per_unit else None,
                           inside / moves if moves else None, moves, inside, per_unit,
                           name or doc.group, tuple((names or {}).get(u, u) for u in ids))


def compare_routes(setup: GameSetup, log: Iterable[E.Event], *,
                   until: datetime | None = None) -> tuple[list[DocumentedRoute], dict[str, Track],
                                                           list[RouteComparison]]:
    """Each history route group's documented route (from the scenario start; to ``until`` when given), every
    unit's track and the group's comparison, in the scenario's order."""
    start = Clock(setup).start(0)
    routes = [r for r in setup.history if r.waypoints]
    docs = [documented_route(setup.grid, r, start=start, until=until) for r in routes]
    all_tracks = tracks(setup, log)
    names = unit_names(setup)
    rows = [compare_group(d, group_units(setup, r), all_tracks, name=group_name(setup, r), names=names)
            for d, r in zip(docs, routes, strict=True)]
    return docs, all_tracks, rows

"""Checks that need the rasterised grid: places inside the map, units on passable cells, sides apart."""

from __future__ import annotations

from game.core.grid import ROAD_NONE, Grid, Place
from game.core.units import UnitType
from game.scenario.checks import all_units
from game.scenario.errors import Reporter
from game.scenario.places import resolve_ref
from game.scenario.schema import ScenarioFile


def check_places_on_map(sc: ScenarioFile, grid: Grid, rep: Reporter) -> None:
    """Every place lies inside the map bounds."""
    rows, cols = grid.shape
    for i, p in enumerate(sc.map.places):
        path = ("map", "places", i)
        if p.lat is not None and p.lon is not None:
            r, c = grid.frame.to_cell(p.lat, p.lon)
            if not grid.in_bounds(r, c):
                f = grid.frame
                rep.add(path + ("lat",), f"place {p.id!r} at {p.lat}, {p.lon} lies outside the map bounds "
                                         f"(lat {f.south:.4f}..{f.north:.4f}, lon {f.west:.4f}..{f.east:.4f})")
        elif p.cell is not None and not grid.in_bounds(*p.cell):
            rep.add(path + ("cell",), f"place {p.id!r} at cell {list(p.cell)} is off the map "
                                      f"(rows 0-{rows - 1}, cols 0-{cols - 1})")


def check_units_on_map(sc: ScenarioFile, grid: Grid, types: dict[str, UnitType],
                       places: dict[str, Place], rep: Reporter) -> None:
    """Units start on the map, on cells their movement class can enter, and no cell holds both sides."""
    rows, cols = grid.shape
    occupied: dict[tuple[int, int], tuple[str, str]] = {}
    initial = len([u for f in sc.forces for u in f.units])
    for n, (path, side, u) in enumerate(all_units(sc)):
        pos = resolve_ref(u.at, grid.frame, places)
        if pos is None:
            continue  # unknown place, reported by check_references
        where = _where(u.at, pos)
        if not grid.in_bounds(*pos):
            rep.add(path + ("at",), f"unit {u.id!r} at {where} is off the map (rows 0-{rows - 1}, "
                                    f"cols 0-{cols - 1})")
            continue
        t = types.get(u.type)
        if t is not None and t.move_class in grid.table.speed:
            tid = int(grid.terrain[pos])
            passable = grid.table.speed[t.move_class][tid] > 0 or grid.road[pos] != ROAD_NONE
            if not passable:
                rep.add(path + ("at",), f"unit {u.id!r} ({t.move_class}) at {where} stands on "
                                        f"{grid.table.types[tid].id}, which {t.move_class} units cannot enter")
        if n < initial:
            other = occupied.get(pos)
            if other is not None and other[0] != side:
                rep.add(path + ("at",), f"unit {u.id!r} ({side}) shares cell {list(pos)} with unit "
                                        f"{other[1]!r} ({other[0]}); sides cannot start on one cell")
            occupied.setdefault(pos, (side, u.id))


def _where(at: object, pos: tuple[int, int]) -> str:
    place = getattr(at, "place", None)
    return f"place {place!r} (cell {list(pos)})" if place else f"cell {list(pos)}"


def check_history_on_map(sc: ScenarioFile, grid: Grid, places: dict[str, Place], rep: Reporter) -> None:
    """Documented positions and the points of expected axes lie on the map (the replay draws them)."""
    rows, cols = grid.shape
    refs = [(("history", "positions", i, "at"), x.at) for i, x in enumerate(sc.history.positions)]
    refs += [(("history", "axes", i, "points", j), p)
             for i, a in enumerate(sc.history.axes) for j, p in enumerate(a.points)]
    for path, ref in refs:
        pos = resolve_ref(ref, grid.frame, places)
        if pos is not None and not grid.in_bounds(*pos):
            rep.add(path, f"{_where(ref, pos)} is off the map (rows 0-{rows - 1}, cols 0-{cols - 1}); "
                          f"put an axis that starts off the map at the map's edge")

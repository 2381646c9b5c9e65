"""Cross-field checks of a validated scenario that need no grid: ids, references, constraints, objectives.

Each check adds problems to a Reporter at the key path of the offending value. Dates are checked in
``checks_time`` and positions on the map in ``checks_grid``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from game.core.setup import WeatherEffect
from game.core.terrain import TerrainTable
from game.core.units import UnitType
from game.scenario.errors import KeyPath, Reporter
from game.scenario.schema import ScenarioFile, UnitSpec

NEEDS_ZONE = ("capture_zone", "hold_zone", "damage_limit")


def all_units(sc: ScenarioFile) -> Iterator[tuple[KeyPath, str, UnitSpec]]:
    """Every unit of the scenario (initial forces, then reinforcements) with its path and side."""
    for i, f in enumerate(sc.forces):
        for j, u in enumerate(f.units):
            yield ("forces", i, "units", j), f.side, u
    for i, r in enumerate(sc.reinforcements):
        for j, u in enumerate(r.units):
            yield ("reinforcements", i, "units", j), r.side, u
    for i, p in enumerate(sc.plans):
        for j, u in enumerate(p.units):
            yield ("plans", i, "units", j), p.side, u


def check_unique(items: Iterable[tuple[KeyPath, str]], what: str, rep: Reporter) -> None:
    """Report every id that was already used, pointing at the first use."""
    first: dict[str, KeyPath] = {}
    for path, ident in items:
        if ident in first:
            line = rep.mark(first[ident])[0]
            rep.add(path, f"duplicate {what} id {ident!r} (first used at line {line})")
        else:
            first[ident] = path


def check_ids(sc: ScenarioFile, rep: Reporter) -> None:
    """Ids unique: sides, units (both sides and reinforcements), places, zones, map lines, objectives..."""
    check_unique(((("sides", i, "id"), s.id) for i, s in enumerate(sc.sides)), "side", rep)
    check_unique(((("forces", i, "side"), f.side) for i, f in enumerate(sc.forces)), "force side", rep)
    check_unique(((p + ("id",), u.id) for p, _, u in all_units(sc)), "unit", rep)
    m = sc.map
    check_unique(((("map", "places", i, "id"), p.id) for i, p in enumerate(m.places)), "place", rep)
    check_unique(((("map", "zones", i, "id"), z.id) for i, z in enumerate(m.zones)), "zone", rep)
    if m.geo is not None:
        lines = [(("map", "geo", key, i, "id"), f.id) for key in ("roads", "rivers", "gorges", "cliffs")
                 for i, f in enumerate(getattr(m.geo, key))]
        check_unique(lines, "map line (road, river, gorge or cliff)", rep)
    check_unique(((("objectives", i, "id"), o.id) for i, o in enumerate(sc.objectives)), "objective", rep)
    check_unique(((("events", i, "id"), e.id) for i, e in enumerate(sc.events)), "event", rep)
    check_unique(((("milestones", i, "id"), ms.id) for i, ms in enumerate(sc.milestones)), "milestone", rep)
    check_unique(((("history", "milestones", i, "id"), ms.id) for i, ms in enumerate(sc.history.milestones)),
                 "milestone window", rep)
    check_unique(((("unit_types", i, "id"), t.id) for i, t in enumerate(sc.unit_types)), "unit type", rep)
    check_unique(((("plans", i, "id"), p.id) for i, p in enumerate(sc.plans)), "plan", rep)
    for i, p in enumerate(sc.plans):
        check_unique(((("plans", i, "tasks", j, "id"), t.id) for j, t in enumerate(p.tasks)), "task", rep)


def check_sides(sc: ScenarioFile, rep: Reporter) -> None:
    """Every side named anywhere is one of the two declared sides; one attacks, one defends."""
    check_roles(sc, rep)
    sides = [s.id for s in sc.sides]
    refs: list[tuple[KeyPath, str]] = [(("forces", i, "side"), f.side) for i, f in enumerate(sc.forces)]
    refs += [(("reinforcements", i, "side"), r.side) for i, r in enumerate(sc.reinforcements)]
    c = sc.constraints
    refs += [(("constraints", "forbidden_unit_classes", i, "side"), x.side)
             for i, x in enumerate(c.forbidden_unit_classes)]
    refs += [(("constraints", "no_fire_zones", i, "side"), x.side) for i, x in enumerate(c.no_fire_zones)]
    refs += [(("objectives", i, "side"), o.side) for i, o in enumerate(sc.objectives)]
    refs += [(("history", "routes", i, "side"), r.side) for i, r in enumerate(sc.history.routes)]
    refs += [(("history", "positions", i, "side"), x.side) for i, x in enumerate(sc.history.positions)]
    refs += [(("history", "axes", i, "side"), x.side) for i, x in enumerate(sc.history.axes)]
    refs += [(("supply", i, "side"), x.side) for i, x in enumerate(sc.supply)]
    refs += [(("milestones", i, "side"), m.side) for i, m in enumerate(sc.milestones)]
    refs += [(("plans", i, "side"), p.side) for i, p in enumerate(sc.plans)]
    for path, side in refs:
        if side not in sides:
            rep.add(path, f"unknown side {side!r} (sides: {', '.join(sides)})")


def check_types(sc: ScenarioFile, types: dict[str, UnitType], rule_types: set[str], move_classes: set[str],
                rep: Reporter) -> None:
    """Unit types exist; scenario types do not redefine rule types; forbidden classes are enforced."""
    for i, t in enumerate(sc.unit_types):
        if t.id in rule_types:
            rep.add(("unit_types", i, "id"), f"unit type {t.id!r} is already defined by rules {sc.rules!r}")
        if t.move_class not in move_classes:
            rep.add(("unit_types", i, "move_class"), f"movement class {t.move_class!r} is not defined by "
                                                     f"rules {sc.rules!r} ({', '.join(sorted(move_classes))})")
    known = ", ".join(sorted(types))
    forbidden: dict[str, dict[str, str]] = {}
    classes = {t.unit_class for t in types.values()}
    for i, fc in enumerate(sc.constraints.forbidden_unit_classes):
        for j, cls in enumerate(fc.classes):
            forbidden.setdefault(fc.side, {})[cls] = fc.reason
            if cls not in classes:
                rep.add(("constraints", "forbidden_unit_classes", i, "classes", j),
                        f"unknown unit class {cls!r} (classes of the unit types: {', '.join(sorted(classes))})")
    for path, side, u in all_units(sc):
        t = types.get(u.type)
        if t is None:
            rep.add(path + ("type",), f"unknown unit type {u.type!r} (known: {known})")
            continue
        reason = forbidden.get(side, {}).get(t.unit_class)
        if reason is not None and path[0] == "plans" and "forbidden_unit_classes" in sc.plans[int(path[1])].lifts:
            reason = None  # a counterfactual plan that lifts the ban brings these units
        if reason is not None:
            rep.add(path + ("type",), f"unit {u.id!r} is a {t.unit_class} unit; the scenario forbids "
                                      f"{t.unit_class} for side {side}: {reason}")


def check_terrain(sc: ScenarioFile, table: TerrainTable, rep: Reporter) -> None:
    """Terrain ids used by the geo map, its areas, gorges and places exist in the rules."""
    ids = table.ids
    refs: list[tuple[KeyPath, str]] = []
    g = sc.map.geo
    if g is not None:
        refs.append((("map", "geo", "base_terrain"), g.base_terrain))
        refs += [(("map", "geo", "terrain_areas", i, "terrain"), a.terrain) for i, a in enumerate(g.terrain_areas)]
        refs += [(("map", "geo", "gorges", i, "terrain"), x.terrain) for i, x in enumerate(g.gorges)]
    refs += [(("map", "places", i, "terrain"), p.terrain) for i, p in enumerate(sc.map.places)
             if p.terrain is not None]
    for path, tid in refs:
        if tid not in ids:
            rep.add(path, f"unknown terrain {tid!r} (known: {', '.join(ids)})")


def check_weather(sc: ScenarioFile, effects: dict[str, WeatherEffect], rep: Reporter) -> None:
    """Weather kinds named by spells and events have effects in the rules."""
    kinds = ", ".join(effects)
    refs = [(("weather", i, "kind"), w.kind) for i, w in enumerate(sc.weather)]
    refs += [(("events", i, "weather"), e.weather) for i, e in enumerate(sc.events) if e.weather]
    for path, kind in refs:
        if kind not in effects:
            rep.add(path, f"unknown weather {kind!r} (known: {kinds})")


def check_references(sc: ScenarioFile, rep: Reporter) -> None:
    """Places, zones and roads referenced by units, zones, objectives and constraints exist."""
    places = {p.id for p in sc.map.places}
    zones = [z.id for z in sc.map.zones]
    roads = [r.id for r in sc.map.geo.roads if r.named] if sc.map.geo else []
    known_z = ", ".join(zones) or "none defined"
    known_r = ", ".join(roads) or "none defined; roads are map.geo.roads with named: true"

    def zone(path: KeyPath, z: str | None) -> None:
        if z is not None and z not in zones:
            rep.add(path, f"unknown zone {z!r} (zones: {known_z})")

    def road(path: KeyPath, r: str | None) -> None:
        if r is not None and r not in roads:
            rep.add(path, f"unknown road {r!r} (roads: {known_r})")

    for i, p in enumerate(sc.map.places):
        if (p.lat is None) != (p.lon is None) or (p.lat is None) == (p.cell is None):
            rep.add(("map", "places", i), "give a place either lat and lon, or cell [row, col]")
    for i, z in enumerate(sc.map.zones):
        if z.place is not None and z.place not in places:
            rep.add(("map", "zones", i, "place"), f"unknown place {z.place!r}")
    refs = [(p + ("at",), u.at.place) for p, _, u in all_units(sc)]
    refs += [(("history", "routes", i, "waypoints", j, "at"), w.at.place)
             for i, r in enumerate(sc.history.routes) for j, w in enumerate(r.waypoints)]
    refs += [(("history", "positions", i, "at"), x.at.place) for i, x in enumerate(sc.history.positions)]
    refs += [(("history", "axes", i, "points", j), p.place)
             for i, a in enumerate(sc.history.axes) for j, p in enumerate(a.points)]
    for path, pl in refs:
        if pl is not None and pl not in places:
            rep.add(path + ("place",), f"unknown place {pl!r}")
    for i, o in enumerate(sc.objectives):
        path = ("objectives", i)
        if o.kind in NEEDS_ZONE and o.zone is None:
            rep.add(path, f"a {o.kind} objective needs a zone")
        if o.kind == "cut_road" and o.road is None:
            rep.add(path, "a cut_road objective needs a road")
        zone(path + ("zone",), o.zone)
        road(path + ("road",), o.road)
    for i, nf in enumerate(sc.constraints.no_fire_zones):
        zone(("constraints", "no_fire_zones", i, "zone"), nf.zone)
    zone(("city_zone",), sc.city_zone)
    for i, sp in enumerate(sc.supply):
        zone(("supply", i, "zone"), sp.zone)
        for j, rd in enumerate(sp.roads):
            road(("supply", i, "roads", j), rd)
    for i, r in enumerate(sc.reinforcements):
        road(("reinforcements", i, "requires_road_open"), r.requires_road_open)
    check_milestones(sc, zone, road, rep)
    for i, p in enumerate(sc.plans):
        for j, t in enumerate(p.tasks):
            path = ("plans", i, "tasks", j)
            zone(path + ("zone",), t.zone)
            road(path + ("road",), t.road)
            for key in ("road_cut", "road_open"):
                for k, rd in enumerate(getattr(t.start, key)):
                    road(path + ("start", key, k), rd)
            for key in ("zone_entered", "enemy_seen_in"):
                for k, z in enumerate(getattr(t.start, key)):
                    zone(path + ("start", key, k), z)
            refs_at = [t.at] + list(t.via)
            for ref in refs_at:
                if ref is not None and ref.place is not None and ref.place not in places:
                    rep.add(path + ("via" if ref is not t.at else "at",), f"unknown place {ref.place!r}")
    gr = sc.grading
    if not gr.draw < gr.marginal < gr.decisive:
        rep.add(("grading",), "expected draw < marginal < decisive")


def check_milestones(sc: ScenarioFile, zone: Callable[[KeyPath, str | None], None],
                     road: Callable[[KeyPath, str | None], None], rep: Reporter) -> None:
    """Milestones name known zones, roads and objectives; history windows name declared milestones."""
    objectives = [o.id for o in sc.objectives]
    for i, m in enumerate(sc.milestones):
        zone(("milestones", i, "zone_entered"), m.zone_entered)
        road(("milestones", i, "road_cut"), m.road_cut)
        if m.objective is not None and m.objective not in objectives:
            rep.add(("milestones", i, "objective"), f"unknown objective {m.objective!r} "
                                                    f"(objectives: {', '.join(objectives)})")
    declared = [m.id for m in sc.milestones]
    for i, h in enumerate(sc.history.milestones):
        if h.id not in declared:
            rep.add(("history", "milestones", i, "id"),
                    f"unknown milestone {h.id!r}: declare it under milestones "
                    f"(declared: {', '.join(declared) or 'none'})")


def check_roles(sc: ScenarioFile, rep: Reporter) -> None:
    """One attacker and one defender."""
    roles = [s.role for s in sc.sides]
    if sorted(roles) != ["attacker", "defender"]:
        rep.add(("sides",), f"expected one side with role attacker and one with role defender, got {roles}")

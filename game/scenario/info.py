"""``python -m game info SCENARIO [--json]``: what a scenario holds, for players and authors."""

from __future__ import annotations

import json
import sys
import textwrap
from typing import Any

from game.core.clock import Clock
from game.core.params import RuleParams
from game.core.setup import GameSetup


def describe(setup: GameSetup) -> dict[str, Any]:
    """A JSON-ready description: map, places (with grid cell, terrain, elevation), forces, rules, history."""
    g = setup.grid
    f = g.frame
    rows, cols = g.shape
    clock = Clock(setup)
    places = []
    for p in g.places:
        inside = g.in_bounds(p.row, p.col)
        places.append({
            "id": p.id, "name": p.name, "names": list(p.names), "kind": p.kind,
            "lat": p.lat, "lon": p.lon, "row": p.row, "col": p.col,
            "terrain": g.terrain_id(p.row, p.col) if inside else None,
            "elevation_m": round(float(g.elevation[p.row, p.col]), 1) if inside else None,
            "documented_elevation_m": p.elevation_m,
        })
    forces: dict[str, list[dict[str, Any]]] = {s: [] for s in setup.sides}
    for u in setup.units:
        ut = setup.unit_types[u.type_id]
        forces[u.side].append({"id": u.id, "name": u.name, "type": u.type_id, "class": ut.unit_class,
                               "strength": u.strength, "row": u.row, "col": u.col})
    c = setup.constraints
    return {
        "id": setup.scenario_id,
        "title": setup.title,
        "map": {"rows": rows, "cols": cols, "cell_size_m": g.cell_m,
                "bounds": {"south": f.south, "west": f.west, "north": f.north, "east": f.east},
                "roads": sorted(g.roads), "zones": sorted(g.zones)},
        "time": {"start": clock.start(0).isoformat(), "end": setup.end.isoformat(), "turns": clock.last_turn + 1},
        "sides": [{"id": s, "name": setup.side_names.get(s, s), "role": setup.roles[s]} for s in setup.sides],
        "places": places,
        "forces": forces,
        "forces_assumptions": {s: list(setup.force_notes.get(s, ())) for s in setup.sides},
        "reinforcements": [{"time": r.time.isoformat(), "units": [u.id for u in r.units],
                            "requires_road_open": r.requires_road_open} for r in setup.reinforcements],
        "constraints": {
            "forbidden_unit_classes": {s: list(v) for s, v in c.forbidden_classes.items()},
            "no_fire_zones": [{"zone": z.zone, "side": z.side, "forbid": list(z.forbid), "reason": z.reason}
                              for z in c.no_fire_zones],
            "vehicles_road_only": c.vehicles_road_only,
        },
        "objectives": [{"id": o.id, "name": o.name, "kind": o.kind, "side": o.side, "points": o.points,
                        "deadline": o.deadline.isoformat() if o.deadline else None} for o in setup.objectives],
        "milestones": [{"id": m.id, "name": m.name, "side": m.side, "road_cut": m.road_cut,
                        "zone_entered": m.zone_entered, "objective": m.objective, "ends_game": m.ends_game}
                       for m in setup.milestone_defs],
        "history_milestones": [{"id": m.id, "name": m.name, "earliest": m.earliest.isoformat(),
                                "latest": m.latest.isoformat(), "attribution": m.attribution,
                                "disputed": m.disputed} for m in setup.milestones],
        "rule_params": {n: getattr(setup.params, n) for n in RuleParams.names()},
        "plans": [{"id": p.id, "side": p.side, "name": p.name, "basis": p.basis, "attribution": p.attribution,
                   "default": p.default, "lifts": list(p.lifts), "description": p.description,
                   "tasks": [{"id": t.id, "name": t.name, "do": t.kind, "group": list(t.group)} for t in p.tasks]}
                  for p in setup.plans],
        "events": len(setup.events),
    }


def print_info(d: dict[str, Any]) -> None:
    m = d["map"]
    b = m["bounds"]
    print(f"{d['title']} ({d['id']})")
    print(f"Map: {m['rows']} x {m['cols']} cells of {m['cell_size_m']:.0f} m; "
          f"bounds {b['south']}..{b['north']} N, {b['west']}..{b['east']} E")
    print(f"Time: {d['time']['start']} to {d['time']['end']}, {d['time']['turns']} turns")
    print("Places:")
    for p in d["places"]:
        also = ", ".join(n for n in p["names"] if n != p["name"])
        elev = f"{p['elevation_m']:.0f} m" if p["elevation_m"] is not None else "off map"
        print(f"  {p['name']:<38} {p['lat']:.4f} {p['lon']:.4f}  cell ({p['row']},{p['col']})  "
              f"{p['terrain'] or '-':<8} {elev:>8}" + (f"  [{also}]" if also else ""))
    for side in d["sides"]:
        units = d["forces"][side["id"]]
        print(f"Forces, {side['name']} ({side['role']}): {len(units)} units, "
              f"{sum(u['strength'] for u in units)} soldiers")
        for u in units:
            print(f"  {u['id']:<14} {u['name']:<40} {u['type']:<22} {u['strength']:>5}  ({u['row']},{u['col']})")
    print_force_notes(d)
    c = d["constraints"]
    print("Constraints:")
    for s, classes in c["forbidden_unit_classes"].items():
        print(f"  {s}: forbidden unit classes {', '.join(classes)}")
    for z in c["no_fire_zones"]:
        print(f"  {z['side']}: no {' or '.join(z['forbid'])} fire into {z['zone']} - {z['reason']}")
    if c["vehicles_road_only"]:
        print("  vehicles may not leave the roads")
    print("Objectives:")
    for o in d["objectives"]:
        dl = f", by {o['deadline']}" if o["deadline"] else ""
        print(f"  {o['side']}: {o['name']} ({o['kind']}, {o['points']} pts{dl})")
    print("Milestones the game watches for:")
    for ms in d["milestones"]:
        what = (f"cuts road {ms['road_cut']}" if ms["road_cut"] else f"enters zone {ms['zone_entered']}"
                if ms["zone_entered"] else f"achieves objective {ms['objective']}")
        print(f"  {ms['id']}: {ms['name']} - when {ms['side']} {what}" + (" (ends the game)" if ms["ends_game"] else ""))
    print("Plans:")
    for p in d["plans"]:
        tags = ", ".join(x for x in (p["basis"], "default" if p["default"] else "",
                                     ("lifts " + " and ".join(p["lifts"])) if p["lifts"] else "") if x)
        print(f"  {p['side']}: {p['id']} - {p['name']} ({tags}); {len(p['tasks'])} tasks")
    print("History milestones (documented windows):")
    for ms in d["history_milestones"]:
        flag = " [disputed]" if ms["disputed"] else ""
        print(f"  {ms['name']}: {ms['earliest'][:16]} .. {ms['latest'][:16]} ({ms['attribution']}){flag}")


def print_force_notes(d: dict[str, Any]) -> None:
    """The scenario's stated assumptions and sources for each side's forces, wrapped to the terminal."""
    notes = d.get("forces_assumptions", {})
    if not any(notes.values()):
        return
    print("Forces: stated assumptions and sources (as the scenario gives them):")
    for side in d["sides"]:
        texts = notes.get(side["id"], [])
        if texts:
            print(f"  {side['name']}:")
        for text in texts:
            print(textwrap.fill(text, width=100, initial_indent="    - ", subsequent_indent="      "))


def info_main(path: str, *, as_json: bool) -> int:
    """CLI entry: exit 0 with the description, 2 with the problems of a bad file."""
    from game.scenario.errors import ScenarioError
    from game.scenario.load import load_scenario

    try:
        setup = load_scenario(path)
    except ScenarioError as e:
        print(e, file=sys.stderr)
        return 2
    d = describe(setup)
    if as_json:
        try:
            text = json.dumps(d, indent=2, ensure_ascii=False, allow_nan=False)
        except ValueError as e:  # a NaN or infinity that got past the schema: never print invalid JSON
            print(f"{path}: cannot describe the scenario as JSON: {e}", file=sys.stderr)
            return 2
        print(text)
    else:
        print_info(d)
    return 0

"""Checks of the scenario's plans: who plays them, what they lift, and that every task can be carried out."""

from __future__ import annotations

from game.core.grid import Grid, Place
from game.core.rules.constraints import forbidden_kinds
from game.core.units import UnitType
from game.scenario.checks import all_units
from game.scenario.errors import Reporter
from game.scenario.places import resolve_ref
from game.scenario.schema import PlanSpec, ScenarioFile, TaskSpec

NEEDS = {  # task kind -> (field that must be given, what to say)
    "move": ("via", "a move task needs waypoints (via)"),
    "patrol": ("via", "a patrol task needs waypoints (via)"),
    "assemble": ("at", "an assemble task needs a place (at)"),
    "climb": ("at", "a climb task needs the place at the foot of the cliff (at)"),
    "cut_road": ("road", "a cut_road task needs a road"),
    "fire_on_road": ("road", "a fire_on_road task needs a road"),
    "shell_zone": ("zone", "a shell_zone task needs the zone to shell (zone)"),
}


def check_plans(sc: ScenarioFile, weather: set[str], rep: Reporter,
                types: dict[str, UnitType] | None = None) -> None:
    """Plans name their side's units, lift constraints only as counterfactuals, and order their tasks; with
    the unit ``types``, a shell_zone group has indirect-fire weapons that may fire into the zone."""
    units_of: dict[str, set[str]] = {}
    type_of: dict[str, str] = {}
    for _, side, u in all_units(sc):
        units_of.setdefault(side, set()).add(u.id)
        type_of[u.id] = u.type
    defaults: dict[str, int] = {}
    for i, p in enumerate(sc.plans):
        path = ("plans", i)
        _check_basis(p, path, rep)
        if p.default:
            defaults[p.side] = defaults.get(p.side, 0) + 1
            if defaults[p.side] == 2:
                rep.add(path + ("default",), f"side {p.side} has more than one default plan")
        ids = [t.id for t in p.tasks]
        for j, t in enumerate(p.tasks):
            _check_task(t, path + ("tasks", j), p, ids[:j] + ids[j + 1:], units_of.get(p.side, set()), weather, rep)
            if t.do == "shell_zone" and types is not None:
                guns = {uid: types[type_of[uid]] for uid in t.group if type_of.get(uid) in types}
                _check_shelling(sc, p, t, path + ("tasks", j), guns, rep)


def _check_basis(p: PlanSpec, path: tuple, rep: Reporter) -> None:
    if p.basis in ("historical", "doctrine") and not p.attribution:
        rep.add(path + ("attribution",), f"a {p.basis} plan needs an attribution (who describes it)")
    if p.lifts and p.basis != "counterfactual":
        rep.add(path + ("lifts",), "only a counterfactual plan may lift historical constraints")
    if p.basis == "counterfactual" and not p.lifts:
        rep.add(path + ("lifts",), "a counterfactual plan names the constraints it lifts")
    if p.units and "forbidden_unit_classes" not in p.lifts:
        rep.add(path + ("units",), "only a plan that lifts forbidden_unit_classes brings units of its own")


def _check_task(t: TaskSpec, path: tuple, p: PlanSpec, others: list[str], mine: set[str], weather: set[str],
                rep: Reporter) -> None:
    need = NEEDS.get(t.do)
    if need and not getattr(t, need[0]):
        rep.add(path + (need[0],), need[1])
    if t.do == "screen" and not (t.at or t.via):
        rep.add(path, "a screen task needs a place (at) or waypoints (via)")
    if t.do == "attack_zone" and (t.zone is None) == (t.at is None):
        rep.add(path, "an attack_zone task needs a zone, or a place (at) to attack")
    for k, uid in enumerate(t.group):
        if uid not in mine:
            rep.add(path + ("group", k), f"unit {uid!r} is not a unit of side {p.side}")
    for k, dep in enumerate(t.start.after):
        if dep not in others:
            rep.add(path + ("start", "after", k), f"unknown task {dep!r} in plan {p.id!r}"
                    + (" (a task cannot wait for itself)" if dep == t.id else ""))
    for k, w in enumerate(t.start.weather):
        if w not in weather:
            rep.add(path + ("start", "weather", k), f"unknown weather {w!r} (known: {', '.join(sorted(weather))})")


def _check_shelling(sc: ScenarioFile, p: PlanSpec, t: TaskSpec, path: tuple, guns: dict[str, UnitType],
                    rep: Reporter) -> None:
    """Every unit of a shell_zone group has an indirect-fire weapon, and some of them may fire into the zone:
    a no-fire zone of the plan's side forbids it unless the plan lifts no_fire_zones (a counterfactual)."""
    for k, uid in enumerate(t.group):
        ut = guns.get(uid)
        if ut is not None and not any(w.indirect for w in ut.weapons):
            rep.add(path + ("group", k), f"unit {uid!r} ({ut.name}) has no indirect-fire weapon: a "
                                         "shell_zone group is of mortars or guns (give observers a screen "
                                         "task of their own)")
    if "no_fire_zones" in p.lifts:
        return
    for nf in sc.constraints.no_fire_zones:
        if nf.side != p.side or nf.zone != t.zone:
            continue
        weapons = [w for ut in guns.values() for w in ut.weapons if w.indirect]
        if weapons and all(forbidden_kinds(nf.forbid, w) for w in weapons):
            forbids = " and ".join(nf.forbid)
            rep.add(path + ("zone",), f"zone {t.zone!r} is a no-fire zone for side {p.side} ({forbids} "
                                      "fire forbidden): only a counterfactual plan with lifts: "
                                      f"[no_fire_zones] may shell it. {nf.reason.strip()}")


def check_plan_cells(sc: ScenarioFile, grid: Grid, places: dict[str, Place], rep: Reporter) -> None:
    """Every waypoint and place of every task lies on the map."""
    for i, p in enumerate(sc.plans):
        for j, t in enumerate(p.tasks):
            path = ("plans", i, "tasks", j)
            refs = [(("at",), t.at)] + [(("via", k), r) for k, r in enumerate(t.via)]
            for sub, ref in refs:
                if ref is None:
                    continue
                pos = resolve_ref(ref, grid.frame, places)
                if pos is not None and not grid.in_bounds(*pos):
                    rep.add(path + sub, f"cell {list(pos)} is off the map")

"""Assemble a GameSetup from a checked ScenarioFile and its grid (plain core objects only)."""

from __future__ import annotations

from game.core.grid import Grid, Place
from game.core.params import RuleParams
from game.core.plans import Plan, Task, Trigger
from game.core.setup import (
    Constraints,
    DatedAccount,
    DocumentedAxis,
    DocumentedPosition,
    GameSetup,
    Grading,
    HistoryRoute,
    Milestone,
    MilestoneDef,
    NoFireZone,
    Objective,
    Reinforcement,
    ScenarioEvent,
    SupplyLine,
    TurnPhase,
    Waypoint,
    WeatherEffect,
    WeatherSpell,
)
from game.core.units import Side, Unit, UnitId, UnitType
from game.scenario.forcenotes import force_notes
from game.scenario.places import ref_latlon, resolve_ref
from game.scenario.schema import CellRef, ConstraintsSpec, PlanSpec, ScenarioFile, TaskSpec, UnitSpec


def make_unit(u: UnitSpec, side: str, types: dict[str, UnitType], grid: Grid,
              places: dict[str, Place]) -> Unit:
    """A core Unit from its spec (strength defaults to the type's headcount)."""
    pos = resolve_ref(u.at, grid.frame, places)
    assert pos is not None
    return Unit(id=UnitId(u.id), side=Side(side), type_id=u.type, name=u.name, row=pos[0], col=pos[1],
                strength=u.strength if u.strength is not None else types[u.type].headcount,
                morale=u.morale, posture=u.posture)


def _cell(ref: CellRef, grid: Grid, places: dict[str, Place]) -> tuple[int, int]:
    """The cell of a checked reference."""
    pos = resolve_ref(ref, grid.frame, places)
    assert pos is not None
    return pos


def make_constraints(c: ConstraintsSpec) -> Constraints:
    """Core Constraints: forbidden classes and reasons per side (merged), no-fire zones, road rule."""
    classes: dict[str, list[str]] = {}
    reasons: dict[str, list[str]] = {}
    for fc in c.forbidden_unit_classes:
        classes.setdefault(fc.side, []).extend(x for x in fc.classes if x not in classes.get(fc.side, []))
        reasons.setdefault(fc.side, []).append(fc.reason)
    return Constraints(
        forbidden_classes={s: tuple(v) for s, v in classes.items()},
        forbidden_reason={s: " ".join(v) for s, v in reasons.items()},
        no_fire_zones=tuple(NoFireZone(zone=n.zone, side=n.side, forbid=tuple(n.forbid), reason=n.reason)
                            for n in c.no_fire_zones),
        vehicles_road_only=c.vehicles_road_only,
    )


def make_task(t: TaskSpec, grid: Grid, places: dict[str, Place]) -> Task:
    """A core Task with its waypoints and place resolved to cells."""
    def cell(ref):  # noqa: ANN001, ANN202 - CellRef -> Cell
        pos = resolve_ref(ref, grid.frame, places)
        assert pos is not None
        return pos

    tr = t.start
    trigger = Trigger(after=tuple(tr.after), assembled=tr.assembled, darkness=tr.darkness, weather=tuple(tr.weather),
                      road_cut=tuple(tr.road_cut), road_open=tuple(tr.road_open),
                      zone_entered=tuple(tr.zone_entered), enemy_seen_in=tuple(tr.enemy_seen_in),
                      enemy_near_m=tr.enemy_near_m, min_ammo=tr.min_ammo, max_fatigue=tr.max_fatigue)
    return Task(id=t.id, name=t.name, group=tuple(t.group), kind=t.do, via=tuple(cell(r) for r in t.via),
                at=cell(t.at) if t.at else None, road=t.road, zone=t.zone, route=t.route, start=trigger, note=t.note)


def make_plan(p: PlanSpec, types: dict[str, UnitType], grid: Grid, places: dict[str, Place]) -> Plan:
    """A core Plan from its spec."""
    return Plan(id=p.id, side=p.side, name=p.name, description=p.description, basis=p.basis,
                attribution=p.attribution, default=p.default, lifts=tuple(p.lifts),
                units=tuple(make_unit(u, p.side, types, grid, places) for u in p.units),
                tasks=tuple(make_task(t, grid, places) for t in p.tasks))


def build_setup(sc: ScenarioFile, grid: Grid, types: dict[str, UnitType], effects: dict[str, WeatherEffect],
                params: RuleParams, *, sha256: str, source_path: str) -> GameSetup:
    """Every GameSetup field from the validated scenario."""
    places = {p.id: p for p in grid.places}
    units = [make_unit(u, f.side, types, grid, places) for f in sc.forces for u in f.units]
    reinforcements = tuple(
        Reinforcement(time=r.time, units=tuple(make_unit(u, r.side, types, grid, places) for u in r.units),
                      requires_road_open=r.requires_road_open)
        for r in sorted(sc.reinforcements, key=lambda r: r.time)
    )
    history = tuple(
        HistoryRoute(group=r.group, side=r.side, waypoints=tuple(
            Waypoint(place=w.at.place or "", lat=ll[0], lon=ll[1], time=w.time, note=w.note,
                     attribution=w.attribution, disputed=w.disputed)
            for w in r.waypoints for ll in [ref_latlon(w.at, grid.frame, places)]))
        for r in sc.history.routes
    )
    g = sc.grading
    return GameSetup(
        scenario_id=sc.id,
        title=sc.title,
        sides=tuple(s.id for s in sc.sides),
        side_names={s.id: s.name for s in sc.sides},
        roles={s.id: s.role for s in sc.sides},
        grid=grid,
        unit_types=types,
        units=sorted(units, key=lambda u: u.id),
        phases=tuple(TurnPhase(start=p.start, hours=p.hours) for p in sc.time.phases),
        end=sc.time.end,
        daylight=(sc.time.sunrise_hour, sc.time.sunset_hour),
        weather=tuple(WeatherSpell(start=w.start, kind=w.kind) for w in sc.weather),
        weather_effects=dict(effects),
        constraints=make_constraints(sc.constraints),
        objectives=tuple(
            Objective(id=o.id, kind=o.kind, side=o.side, points=o.points, name=o.name, zone=o.zone, road=o.road,
                      deadline=o.deadline, hold_turns=o.hold_turns, share=o.share, max_damage=o.max_damage)
            for o in sc.objectives),
        grading=Grading(decisive=g.decisive, marginal=g.marginal, draw=g.draw),
        params=params,
        events=tuple(
            ScenarioEvent(id=e.id, time=e.time, text=e.text, attribution=e.attribution, disputed=e.disputed,
                          weather=e.weather)
            for e in sorted(sc.events, key=lambda e: e.time)),
        reinforcements=reinforcements,
        history=history,
        milestones=tuple(
            Milestone(id=m.id, name=m.name, earliest=m.earliest, latest=m.latest, attribution=m.attribution,
                      disputed=m.disputed,
                      accounts=tuple(DatedAccount(a.time, a.label, a.attribution) for a in m.accounts))
            for m in sc.history.milestones),
        history_positions=tuple(
            DocumentedPosition(side=x.side, cell=_cell(x.at, grid, places), label=x.label,
                               attribution=x.attribution, disputed=x.disputed, since=x.since, until=x.until)
            for x in sc.history.positions),
        history_axes=tuple(
            DocumentedAxis(side=a.side, cells=tuple(_cell(p, grid, places) for p in a.points), label=a.label,
                           attribution=a.attribution, disputed=a.disputed)
            for a in sc.history.axes),
        milestone_defs=tuple(
            MilestoneDef(id=m.id, name=m.name, side=m.side, road_cut=m.road_cut, zone_entered=m.zone_entered,
                         objective=m.objective, hold_turns=m.hold_turns, ends_game=m.ends_game)
            for m in sc.milestones),
        city_zone=sc.city_zone,
        supply=tuple(SupplyLine(side=x.side, zone=x.zone, roads=tuple(x.roads)) for x in sc.supply),
        sha256=sha256,
        source_path=source_path,
        briefing=sc.briefing,
        force_notes=force_notes(sc),
        plans=tuple(make_plan(p, types, grid, places) for p in sc.plans),
    )

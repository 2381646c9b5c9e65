"""Plans: the decisions a side can take, as scenario data (tasks for groups with observable triggers).

History is evidence; plans are decisions. A plan never names a date or a turn: its tasks start when
things a commander can see are true (the group assembled, darkness, a road cut, an enemy seen, the
task before achieved). Counterfactual plans may lift historical constraints, and may bring units
that the lifted constraint forbade; :func:`with_plans` makes the game's setup for a choice of plans.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from game.core.frozen import Frozen
from game.core.setup import Constraints, GameSetup
from game.core.units import Unit

Cell = tuple[int, int]
TASK_KINDS = ("move", "assemble", "hold", "patrol", "screen", "cut_road", "fire_on_road", "attack_zone",
              "shell_zone", "climb", "resupply", "rest")
# keep their units once achieved
CONTINUING = frozenset({"hold", "patrol", "screen", "cut_road", "fire_on_road", "shell_zone"})


@dataclass(frozen=True)
class Trigger(Frozen):
    """Conditions that must all hold for a task to start (see ``game.scenario.schema.TriggerSpec``)."""

    after: tuple[str, ...] = ()
    assembled: bool = False
    darkness: bool | None = None
    weather: tuple[str, ...] = ()
    road_cut: tuple[str, ...] = ()
    road_open: tuple[str, ...] = ()
    zone_entered: tuple[str, ...] = ()
    enemy_seen_in: tuple[str, ...] = ()
    enemy_near_m: float | None = None
    min_ammo: float | None = None
    max_fatigue: float | None = None


@dataclass(frozen=True)
class Task(Frozen):
    """A group's task: ``kind`` with its waypoints (cells), place, road or zone, route style and trigger."""

    id: str
    name: str
    group: tuple[str, ...]
    kind: str
    via: tuple[Cell, ...] = ()
    at: Cell | None = None
    road: str | None = None
    zone: str | None = None
    route: str = "concealed"
    start: Trigger = field(default_factory=Trigger)
    note: str = ""

    @property
    def continuing(self) -> bool:
        """Whether the group keeps doing it after it is achieved (hold a cut road, keep a screen)."""
        return self.kind in CONTINUING


@dataclass(frozen=True)
class Plan(Frozen):
    id: str
    side: str
    name: str
    description: str
    basis: str  # historical, doctrine, alternative, counterfactual
    attribution: str | None
    default: bool
    lifts: tuple[str, ...]  # constraint kinds lifted for the plan's side: no_fire_zones, forbidden_unit_classes
    units: tuple[Unit, ...]
    tasks: tuple[Task, ...]

    def lifts_text(self) -> str:
        """What the plan lifts, for every place its results are shown (empty for plans within history)."""
        words = {"no_fire_zones": "no-fire zones lifted", "forbidden_unit_classes": "forbidden unit classes allowed"}
        return ", ".join(words[k] for k in self.lifts)


def plans_of(setup: GameSetup, side: str) -> list[Plan]:
    return [p for p in setup.plans if p.side == side]


def default_plan(setup: GameSetup, side: str) -> Plan | None:
    """The side's default plan: the one marked default, else its first."""
    mine = plans_of(setup, side)
    return next((p for p in mine if p.default), mine[0] if mine else None)


def lift(constraints: Constraints, side: str, kinds: tuple[str, ...]) -> Constraints:
    """The constraints with ``kinds`` lifted for ``side`` (others' constraints stay)."""
    c = constraints
    if "forbidden_unit_classes" in kinds:
        c = replace(c, forbidden_classes={s: v for s, v in c.forbidden_classes.items() if s != side},
                    forbidden_reason={s: v for s, v in c.forbidden_reason.items() if s != side})
    if "no_fire_zones" in kinds:
        c = replace(c, no_fire_zones=tuple(z for z in c.no_fire_zones if z.side != side))
    return c


def with_plans(setup: GameSetup, choice: dict[str, str]) -> GameSetup:
    """The setup of a game in which each side plays the chosen plan (default plans for the others).

    Raises ValueError naming the side and the plans it has when a plan id is unknown.
    """
    chosen: dict[str, str] = {}
    constraints = setup.constraints
    units = list(setup.units)
    for side in setup.sides:
        mine = plans_of(setup, side)
        pid = choice.get(side)
        if pid is None:
            plan = default_plan(setup, side)
        else:
            plan = next((p for p in mine if p.id == pid), None)
            if plan is None:
                known = ", ".join(p.id for p in mine) or "none"
                raise ValueError(f"{side} has no plan {pid!r} (plans: {known})")
        if plan is None:
            continue
        chosen[side] = plan.id
        constraints = lift(constraints, side, plan.lifts)
        units.extend(plan.units)
    unknown = sorted(set(choice) - set(setup.sides))
    if unknown:
        raise ValueError(f"no side {unknown[0]!r} (sides: {', '.join(setup.sides)})")
    return replace(setup, constraints=constraints, units=sorted(units, key=lambda u: u.id), chosen_plans=chosen)


def plan_for(setup: GameSetup, side: str) -> Plan | None:
    """The plan ``side`` plays in this game (after :func:`with_plans`), or its default."""
    pid = setup.chosen_plans.get(side)
    return next((p for p in plans_of(setup, side) if p.id == pid), None) or default_plan(setup, side)


def fallback_plan(setup: GameSetup, side: str) -> Plan:
    """For a scenario without plans: the attacker attacks the zone of its capture objective, the defender
    holds where it stands (tasks built from the objectives, never from history)."""
    ids = tuple(u.id for u in setup.units if u.side == side) + tuple(
        u.id for r in setup.reinforcements for u in r.units if u.side == side)
    zone = next((o.zone for o in setup.objectives if o.side == side and o.kind == "capture_zone" and o.zone), None)
    if setup.roles.get(side) == "attacker" and zone:
        task = Task(id="attack", name="Attack the objective", group=ids, kind="attack_zone", zone=zone,
                    route="fastest")
    else:
        task = Task(id="hold", name="Hold where they stand", group=ids, kind="hold")
    return Plan(id="fallback", side=side, name="Objectives", description="Built from the scenario's objectives.",
                basis="doctrine", attribution="game default", default=True, lifts=(), units=(), tasks=(task,))

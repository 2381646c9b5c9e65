"""GameSetup: everything a scenario defines, as plain core objects (built by ``game.scenario``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from game.core.frozen import Frozen
from game.core.grid import Grid
from game.core.params import RuleParams
from game.core.units import Unit, UnitType

if TYPE_CHECKING:
    from game.core.plans import Plan


@dataclass(frozen=True)
class TurnPhase(Frozen):
    """From ``start`` on, turns last ``hours``."""

    start: datetime
    hours: float


@dataclass(frozen=True)
class WeatherSpell(Frozen):
    """From ``start`` on, the weather is ``kind`` (clear, rain, fog, snow)."""

    start: datetime
    kind: str


@dataclass(frozen=True)
class WeatherEffect(Frozen):
    kind: str
    sight_factor: float
    move_factor: float


@dataclass(frozen=True)
class Reinforcement(Frozen):
    """Units that enter at ``time`` at a cell, optionally only while a named road is open."""

    time: datetime
    units: tuple[Unit, ...]
    requires_road_open: str | None = None


@dataclass(frozen=True)
class ScenarioEvent(Frozen):
    """A dated event shown to players: text with its attribution; ``disputed`` where sources disagree."""

    id: str
    time: datetime
    text: str
    attribution: str
    disputed: bool = False
    weather: str | None = None


@dataclass(frozen=True)
class NoFireZone(Frozen):
    """Fire of the listed kinds (``indirect``, ``heavy``) by ``side`` into ``zone`` is refused."""

    zone: str
    side: str
    forbid: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Constraints(Frozen):
    """Historical constraints the engine enforces everywhere."""

    forbidden_classes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # side -> unit classes
    forbidden_reason: dict[str, str] = field(default_factory=dict)  # side -> player-facing reason
    no_fire_zones: tuple[NoFireZone, ...] = ()
    vehicles_road_only: bool = False  # no vehicle transport off-road


@dataclass(frozen=True)
class SupplyLine(Frozen):
    """Units of ``side`` inside ``zone`` are supplied while any of ``roads`` is open; cut off otherwise."""

    side: str
    zone: str
    roads: tuple[str, ...]


@dataclass(frozen=True)
class Objective(Frozen):
    """A scored objective. ``kind``: capture_zone, cut_road, hold_zone, damage_limit."""

    id: str
    kind: str
    side: str
    points: int
    name: str
    zone: str | None = None
    road: str | None = None
    deadline: datetime | None = None
    hold_turns: int = 1
    share: float = 0.75  # capture_zone: share of the zone's cells to control
    max_damage: float = 0.0  # damage_limit: mean damage the objective's own side caused in the zone


@dataclass(frozen=True)
class Grading(Frozen):
    """Score thresholds (share of the side's points) for decisive / marginal / draw."""

    decisive: float = 0.85
    marginal: float = 0.6
    draw: float = 0.3


@dataclass(frozen=True)
class Waypoint(Frozen):
    """A documented position of a group at a date (history route)."""

    place: str
    lat: float
    lon: float
    time: datetime
    note: str
    attribution: str
    disputed: bool = False


@dataclass(frozen=True)
class HistoryRoute(Frozen):
    group: str  # unit id the route belongs to, or a label
    side: str
    waypoints: tuple[Waypoint, ...]


@dataclass(frozen=True)
class MilestoneDef(Frozen):
    """A milestone the game watches for, declared by the scenario: reached when ``side`` has cut ``road_cut``
    at the end of ``hold_turns`` turns in a row (dated by the first), has a unit in ``zone_entered``, or
    achieves ``objective``."""

    id: str
    name: str
    side: str
    road_cut: str | None = None
    zone_entered: str | None = None
    objective: str | None = None
    ends_game: bool = False
    hold_turns: int = 1


@dataclass(frozen=True)
class DatedAccount(Frozen):
    """One source's date for a documented event (e.g. the entry into the town: night of 3-4 Nov per one
    account, morning of 6 Nov per another)."""

    time: datetime
    label: str
    attribution: str


@dataclass(frozen=True)
class Milestone(Frozen):
    """The documented date window of a declared milestone (history, for comparisons only)."""

    id: str
    name: str
    earliest: datetime
    latest: datetime
    attribution: str
    disputed: bool = False
    accounts: tuple[DatedAccount, ...] = ()  # where sources give different dates, each one


@dataclass(frozen=True)
class DocumentedPosition(Frozen):
    """A documented position of a side (history, for the replay viewer): a cell with a label and its source."""

    side: str
    cell: tuple[int, int]
    label: str
    attribution: str
    disputed: bool = False
    since: datetime | None = None  # shown from this date on (always when None)
    until: datetime | None = None

    def shown_at(self, t: datetime) -> bool:
        """Whether the position is documented at ``t``."""
        return (self.since is None or self.since <= t) and (self.until is None or t <= self.until)


@dataclass(frozen=True)
class DocumentedAxis(Frozen):
    """An axis of attack a side expected or used, as a polyline of cells (history, for the replay viewer)."""

    side: str  # the side whose expectation it is
    cells: tuple[tuple[int, int], ...]
    label: str
    attribution: str
    disputed: bool = False


@dataclass
class GameSetup:
    """A loaded scenario, ready to start a game from."""

    scenario_id: str
    title: str
    sides: tuple[str, ...]  # turn order, e.g. ("attacker", "defender")
    side_names: dict[str, str]
    roles: dict[str, str]  # side -> "attacker" / "defender"
    grid: Grid
    unit_types: dict[str, UnitType]
    units: list[Unit]
    phases: tuple[TurnPhase, ...]
    end: datetime
    daylight: tuple[int, int]  # local sunrise, sunset hours
    weather: tuple[WeatherSpell, ...]
    weather_effects: dict[str, WeatherEffect]
    constraints: Constraints
    objectives: tuple[Objective, ...]
    grading: Grading
    params: RuleParams
    events: tuple[ScenarioEvent, ...] = ()
    reinforcements: tuple[Reinforcement, ...] = ()
    history: tuple[HistoryRoute, ...] = ()
    milestones: tuple[Milestone, ...] = ()  # documented windows (history)
    history_positions: tuple[DocumentedPosition, ...] = ()  # documented posts (history, replay viewer only)
    history_axes: tuple[DocumentedAxis, ...] = ()  # expected axes (history, replay viewer only)
    milestone_defs: tuple[MilestoneDef, ...] = ()  # what the game watches for
    city_zone: str | None = None
    supply: tuple[SupplyLine, ...] = ()
    sha256: str = ""
    source_path: str = ""
    briefing: str = ""
    force_notes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # side -> stated assumptions, sources
    plans: tuple[Plan, ...] = ()  # every side's plans (decisions; see game.core.plans)
    chosen_plans: dict[str, str] = field(default_factory=dict)  # side -> plan id played in this game

    def side_with_role(self, role: str) -> str:
        """The side playing ``role`` (attacker / defender)."""
        return next(s for s in self.sides if self.roles.get(s) == role)

    def enemies(self, side: str) -> tuple[str, ...]:
        return tuple(s for s in self.sides if s != side)

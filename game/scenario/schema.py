"""Pydantic schema of scenario files and rule data files (unknown keys are rejected everywhere).

The schema checks shapes and ranges; cross-field checks (ids unique, places in bounds, units on passable
cells, dates ordered, constraint names known) live in ``game.scenario.checks``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from game.core.plans import TASK_KINDS
from game.scenario.textcheck import plain_line, plain_text

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
Lat = Annotated[float, Field(ge=-90, le=90)]
Lon = Annotated[float, Field(ge=-180, le=180)]
Text = Annotated[str, Field(max_length=4000), AfterValidator(plain_text)]  # no control/bidi chars but \n, \t
ShortText = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(plain_line)]  # one line


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)  # NaN/inf: "finite number"


# ---------------------------------------------------------------- rule data (game/data/*.yaml)
class TerrainTypeSpec(Strict):
    id: Id
    name: ShortText
    cover: Annotated[float, Field(ge=0, le=0.95)]
    concealment: Annotated[float, Field(ge=0, le=0.95)]
    obstacle_m: Annotated[float, Field(ge=0, le=100)] = 0.0
    speed: dict[Literal["foot", "wheeled", "tracked"], Annotated[float, Field(gt=0, le=2)] | None]
    color: tuple[int, int, int] = (128, 128, 128)
    dupuy_terrain: Annotated[float, Field(ge=1, le=3)] = 1.0
    source: Text = ""


class MoveClassSpec(Strict):
    id: Literal["foot", "wheeled", "tracked"]
    road_kmh: Annotated[float, Field(gt=0, le=120)]
    offroad_kmh: Annotated[float, Field(gt=0, le=120)]
    tobler: bool = False
    max_slope: Annotated[float, Field(gt=0, le=10)]
    night_factor: Annotated[float, Field(gt=0, le=1)]
    road_only: bool = False
    source: Text = ""


class WeaponSpec(Strict):
    id: Id
    range_m: Annotated[float, Field(gt=0, le=50_000)]
    firepower: Annotated[float, Field(ge=0, le=100)]
    indirect: bool = False
    heavy: bool = False
    ammo_per_shot: Annotated[float, Field(ge=0, le=100)] = 10.0
    damage: Annotated[float, Field(ge=0, le=1)] = 0.001
    name: ShortText | None = None  # what players read; the id, made readable, when omitted


class UnitTypeSpec(Strict):
    id: Id
    name: ShortText
    unit_class: Id
    move_class: Literal["foot", "wheeled", "tracked"]
    headcount: Annotated[int, Field(ge=1, le=5000)]
    weapons: Annotated[list[WeaponSpec], Field(min_length=1, max_length=10)]
    capabilities: list[Literal["climb", "infiltrate", "dig_in"]] = []
    spotting_m: Annotated[float, Field(gt=0, le=20_000)] = 3000.0
    march_fraction: Annotated[float, Field(gt=0, le=1)] = 0.5
    assault_power: Annotated[float, Field(ge=0, le=5)] = 1.0
    symbol: Literal["infantry", "special_forces", "mechanised", "armour", "artillery", "mortar", "recon",
                    "hq"] = "infantry"
    description: Text = ""


class WeatherEffectSpec(Strict):
    kind: Id
    sight_factor: Annotated[float, Field(gt=0, le=1)]
    move_factor: Annotated[float, Field(gt=0, le=1)]


class ParamSpec(Strict):
    """One rule parameter: its value and where it comes from (a source or a stated game assumption)."""

    value: float
    source: ShortText


class RulesFile(Strict):
    """``game/data/rules.yaml``: terrain types, movement classes, unit types, weather effects, parameters."""

    format: Literal[1]
    terrain_types: Annotated[list[TerrainTypeSpec], Field(min_length=1, max_length=64)]
    move_classes: Annotated[list[MoveClassSpec], Field(min_length=1, max_length=3)]
    unit_types: Annotated[list[UnitTypeSpec], Field(max_length=200)] = []
    weather: Annotated[list[WeatherEffectSpec], Field(min_length=1, max_length=20)]
    rule_params: Annotated[dict[Id, ParamSpec], Field(max_length=200)]


# ---------------------------------------------------------------- scenario
class SideSpec(Strict):
    id: Id
    name: ShortText
    role: Literal["attacker", "defender"]  # what the side sets out to do (the AI and reports use it)
    description: Text = ""


class PhaseSpec(Strict):
    start: datetime
    hours: Annotated[float, Field(gt=0, le=48)]


class TimeSpec(Strict):
    start: datetime
    end: datetime
    utc_offset: Annotated[str, Field(pattern=r"^[+-]\d\d:\d\d$")] = "+00:00"  # local times are naive
    sunrise_hour: Annotated[int, Field(ge=0, le=23)] = 7
    sunset_hour: Annotated[int, Field(ge=1, le=24)] = 18
    phases: Annotated[list[PhaseSpec], Field(min_length=1, max_length=50)]


class WeatherSpellSpec(Strict):
    start: datetime
    kind: Id


class CellRef(Strict):
    """A position: exactly one of ``place`` (a place id), ``cell`` ([row, col]) or ``lat``+``lon``."""

    place: Id | None = None
    cell: tuple[int, int] | None = None
    lat: Lat | None = None
    lon: Lon | None = None

    @model_validator(mode="after")
    def _one_form(self) -> CellRef:
        forms = (self.place is not None) + (self.cell is not None) + (self.lat is not None or self.lon is not None)
        if forms != 1 or ((self.lat is None) != (self.lon is None)):
            raise ValueError("give exactly one of: place, cell [row, col], or lat and lon")
        return self


LatLon = tuple[Lat, Lon]
LatLonElev = tuple[Lat, Lon, Annotated[float, Field(ge=-500, le=9000)]]
Polyline = Annotated[list[LatLon], Field(min_length=2, max_length=2000)]
Polygon = Annotated[list[LatLon], Field(min_length=3, max_length=2000)]


class BoundsSpec(Strict):
    south: Lat
    west: Lon
    north: Lat
    east: Lon


class ElevationPoint(Strict):
    lat: Lat
    lon: Lon
    elevation_m: Annotated[float, Field(ge=-500, le=9000)]
    label: ShortText | None = None


class ElevationLine(Strict):
    """A ridge or valley line: elevation is interpolated along it and used as control points."""

    label: ShortText
    points: Annotated[list[LatLonElev], Field(min_length=2, max_length=2000)]


class ElevationSpec(Strict):
    points: Annotated[list[ElevationPoint], Field(min_length=1, max_length=5000)]
    lines: Annotated[list[ElevationLine], Field(max_length=500)] = []
    power: Annotated[float, Field(gt=0, le=6)] = 2.0
    noise_m: Annotated[float, Field(ge=0, le=300)] = 0.0  # deterministic relief texture
    smooth_cells: Annotated[int, Field(ge=0, le=10)] = 0


class TerrainAreaSpec(Strict):
    """Paint ``terrain`` inside ``polygon`` (or everywhere when omitted) within an elevation band."""

    terrain: Id
    polygon: Polygon | None = None
    min_elevation_m: float | None = None
    max_elevation_m: float | None = None
    label: ShortText | None = None


class LineFeature(Strict):
    id: Id
    name: ShortText
    names: list[ShortText] = []
    points: Polyline
    source: Text = ""


class RoadSpec(LineFeature):
    kind: Literal["paved", "track"] = "paved"
    named: bool = True  # keep a mask of this road for objectives (cut_road)


class RiverSpec(LineFeature):
    pass


class GorgeSpec(LineFeature):
    width_m: Annotated[float, Field(gt=0, le=5000)] = 400.0
    depth_m: Annotated[float, Field(ge=0, le=1500)] = 200.0
    terrain: Id = "gorge"


class CliffSpec(LineFeature):
    relief_m: Annotated[float, Field(ge=0, le=2000)] = 200.0


class GeoMapSpec(Strict):
    bounds: BoundsSpec
    cell_size_m: Annotated[float, Field(ge=25, le=2000)]
    base_terrain: Id
    elevation: ElevationSpec
    terrain_areas: Annotated[list[TerrainAreaSpec], Field(max_length=500)] = []
    gorges: Annotated[list[GorgeSpec], Field(max_length=200)] = []
    rivers: Annotated[list[RiverSpec], Field(max_length=200)] = []
    roads: Annotated[list[RoadSpec], Field(max_length=200)] = []
    cliffs: Annotated[list[CliffSpec], Field(max_length=200)] = []


class AsciiMapSpec(Strict):
    """A small hand-drawn map for tests: one character per cell, elevation digits x ``elevation_step_m``."""

    origin: tuple[Lat, Lon] = (40.0, 45.0)  # lat/lon of the NW corner
    cell_size_m: Annotated[float, Field(ge=25, le=2000)]
    legend: dict[Annotated[str, Field(min_length=1, max_length=1)], Id]
    rows: Annotated[list[Annotated[str, Field(min_length=1, max_length=400)]], Field(min_length=1, max_length=400)]
    elevation_rows: list[str] | None = None  # digits 0-9, value = digit * elevation_step_m + elevation_base_m
    elevation_base_m: float = 0.0
    elevation_step_m: Annotated[float, Field(gt=0, le=1000)] = 100.0
    road_char: Annotated[str, Field(min_length=1, max_length=1)] | None = None  # cells drawn with it are roads
    cliff_threshold_m: Annotated[float, Field(gt=0)] | None = None  # auto cliff where |dh| >= this


class PlaceSpec(Strict):
    id: Id
    name: ShortText
    names: list[ShortText] = []  # every name the place is known by
    kind: Literal["city", "town", "village", "peak", "junction", "landmark", "river_point", "pass"]
    lat: Lat | None = None
    lon: Lon | None = None
    cell: tuple[int, int] | None = None
    elevation_m: float | None = None  # documented elevation; the grid is forced to it at the place's cell
    radius_m: Annotated[float, Field(ge=0, le=5000)] = 0.0  # settlement extent
    terrain: Id | None = None  # painted over the settlement extent (e.g. urban, village)
    settlement: bool = False  # cells count as a settlement (control, damage)
    source: Text = ""
    note: Text = ""


class ZoneSpec(Strict):
    id: Id
    name: ShortText
    place: Id | None = None  # circle of radius_m around a place
    radius_m: Annotated[float, Field(ge=0, le=20_000)] = 0.0
    polygon: Polygon | None = None


class MapSpec(Strict):
    geo: GeoMapSpec | None = None
    ascii: AsciiMapSpec | None = None
    places: Annotated[list[PlaceSpec], Field(max_length=500)] = []
    zones: Annotated[list[ZoneSpec], Field(max_length=100)] = []

    @model_validator(mode="after")
    def _one_kind(self) -> MapSpec:
        if (self.geo is None) == (self.ascii is None):
            raise ValueError("give exactly one of map.geo or map.ascii")
        return self


class UnitSpec(Strict):
    id: Id
    name: ShortText
    type: Id
    at: CellRef
    strength: Annotated[int, Field(ge=1, le=5000)] | None = None  # default: the type's headcount
    morale: Annotated[float, Field(ge=0, le=100)] = 80.0
    posture: Literal["moving", "hold", "dug_in"] = "hold"
    note: Text = ""


class ForceSpec(Strict):
    side: Id
    assumption: Text = ""  # stated game assumption where sources are silent
    source: Text = ""
    units: Annotated[list[UnitSpec], Field(max_length=200)]


class ReinforcementSpec(Strict):
    time: datetime
    side: Id
    requires_road_open: Id | None = None
    note: Text = ""
    units: Annotated[list[UnitSpec], Field(min_length=1, max_length=50)]


class ForbiddenClassesSpec(Strict):
    side: Id
    classes: Annotated[list[Id], Field(min_length=1)]
    reason: ShortText


class NoFireZoneSpec(Strict):
    zone: Id
    side: Id
    forbid: Annotated[list[Literal["indirect", "heavy"]], Field(min_length=1)]
    reason: ShortText


class ConstraintsSpec(Strict):
    forbidden_unit_classes: list[ForbiddenClassesSpec] = []
    no_fire_zones: list[NoFireZoneSpec] = []
    vehicles_road_only: bool = False


class ObjectiveSpec(Strict):
    id: Id
    name: ShortText
    kind: Literal["capture_zone", "cut_road", "hold_zone", "damage_limit"]
    side: Id
    points: Annotated[int, Field(ge=0, le=1000)]
    zone: Id | None = None
    road: Id | None = None
    deadline: datetime | None = None
    hold_turns: Annotated[int, Field(ge=1, le=100)] = 1
    share: Annotated[float, Field(gt=0, le=1)] = 0.75
    max_damage: Annotated[float, Field(ge=0, le=1)] = 0.0


class GradingSpec(Strict):
    decisive: Annotated[float, Field(gt=0, le=1)] = 0.85
    marginal: Annotated[float, Field(gt=0, le=1)] = 0.6
    draw: Annotated[float, Field(ge=0, le=1)] = 0.3


class EventSpec(Strict):
    id: Id
    time: datetime
    text: Text
    attribution: ShortText
    disputed: bool = False
    source: Text = ""
    weather: Id | None = None


class WaypointSpec(Strict):
    at: CellRef
    time: datetime
    note: Text
    attribution: ShortText
    disputed: bool = False
    source: Text = ""


class RouteSpec(Strict):
    group: Id  # unit id the route belongs to
    side: Id
    waypoints: Annotated[list[WaypointSpec], Field(min_length=1, max_length=100)]


class MilestoneDefSpec(Strict):
    """A milestone the game watches for: exactly one of ``road_cut`` (a named road cut by ``side`` at the end
    of ``hold_turns`` turns in a row, dated by the first), ``zone_entered`` (a unit of ``side`` stands in the
    zone) or ``objective`` (achieved)."""

    id: Id
    name: ShortText
    side: Id
    road_cut: Id | None = None
    zone_entered: Id | None = None
    objective: Id | None = None
    hold_turns: Annotated[int, Field(ge=1, le=20)] = 1  # road cuts only: a unit passing over it is no cut
    ends_game: bool = False  # the game ends once it is reached

    @model_validator(mode="after")
    def _one_condition(self) -> MilestoneDefSpec:
        if sum(x is not None for x in (self.road_cut, self.zone_entered, self.objective)) != 1:
            raise ValueError("give exactly one of: road_cut, zone_entered or objective")
        if self.hold_turns != 1 and self.road_cut is None:
            raise ValueError("hold_turns is for road_cut milestones only")
        return self


class AccountSpec(Strict):
    """One source's date for a milestone where sources disagree (shown as its own mark on the replay)."""

    time: datetime
    label: ShortText  # e.g. "night of 3-4 November"
    attribution: ShortText


class MilestoneSpec(Strict):
    """The documented date window of a milestone declared under ``milestones``."""

    id: Id
    name: ShortText
    earliest: datetime
    latest: datetime
    attribution: ShortText
    disputed: bool = False
    source: Text = ""
    accounts: Annotated[list[AccountSpec], Field(max_length=10)] = []  # each source's date, when they differ


class PositionSpec(Strict):
    """A documented position of a side, drawn by the historical replay (not a unit: no game reads it)."""

    side: Id
    at: CellRef
    label: ShortText
    attribution: ShortText
    disputed: bool = False
    source: Text = ""
    since: datetime | None = None  # documented from (shown from this date on; always when omitted)
    until: datetime | None = None  # documented until


class AxisSpec(Strict):
    """An axis of attack a side expected, as points from its start to its end (historical replay only)."""

    side: Id  # whose expectation
    points: Annotated[list[CellRef], Field(min_length=2, max_length=50)]
    label: ShortText
    attribution: ShortText
    disputed: bool = False
    source: Text = ""


class HistorySpec(Strict):
    routes: list[RouteSpec] = []
    milestones: list[MilestoneSpec] = []
    positions: Annotated[list[PositionSpec], Field(max_length=100)] = []
    axes: Annotated[list[AxisSpec], Field(max_length=20)] = []


class SupplySpec(Strict):
    """Units of ``side`` inside ``zone`` are supplied while at least one of ``roads`` is open (not cut)."""

    side: Id
    zone: Id
    roads: Annotated[list[Id], Field(min_length=1, max_length=20)]
    note: Text = ""


class TriggerSpec(Strict):
    """When a task may start: every condition given must hold (things a commander can observe; never a
    date or a turn number)."""

    after: Annotated[list[Id], Field(max_length=20)] = []  # these tasks of the plan are achieved
    assembled: bool = False  # the task's group stands together
    darkness: bool | None = None  # True: only in a night turn; False: only by day
    weather: Annotated[list[Id], Field(max_length=10)] = []  # in one of these weathers
    road_cut: Annotated[list[Id], Field(max_length=10)] = []  # the side cuts these roads
    road_open: Annotated[list[Id], Field(max_length=10)] = []  # and these are not cut by the enemy
    zone_entered: Annotated[list[Id], Field(max_length=10)] = []  # a unit of the side stands in each zone
    enemy_seen_in: Annotated[list[Id], Field(max_length=10)] = []  # the side sees an enemy in one of these zones
    enemy_near_m: Annotated[float, Field(gt=0, le=20_000)] | None = None  # a seen enemy this close to the group
    min_ammo: Annotated[float, Field(ge=0, le=100)] | None = None  # group's mean ammunition at least
    max_fatigue: Annotated[float, Field(ge=0, le=100)] | None = None  # group's mean fatigue at most


class TaskSpec(Strict):
    """Something a group of units does: move by waypoints, assemble, hold, patrol, screen, cut a road, put a
    road under fire, attack a zone, shell a zone (mortars and guns), climb at a place, resupply or rest."""

    id: Id
    name: ShortText
    group: Annotated[list[Id], Field(min_length=1, max_length=50)]
    do: Literal[TASK_KINDS]  # type: ignore[valid-type]
    via: Annotated[list[CellRef], Field(max_length=50)] = []  # waypoints (move, patrol, screen, shell_zone)
    at: CellRef | None = None  # assemble, hold, screen, attack_zone (a place), climb (the foot of the cliff)
    road: Id | None = None  # cut_road, fire_on_road
    zone: Id | None = None  # attack_zone, hold, shell_zone
    route: Literal["concealed", "fastest", "road"] = "concealed"
    start: TriggerSpec = TriggerSpec()
    note: Text = ""


class PlanSpec(Strict):
    """A named plan of one side: its basis, the constraints it lifts (counterfactuals only) and its tasks."""

    id: Id
    side: Id
    name: ShortText
    description: Text
    basis: Literal["historical", "doctrine", "alternative", "counterfactual"]
    attribution: ShortText | None = None  # who describes it (historical and doctrine plans)
    default: bool = False  # the computer plays it unless told otherwise
    lifts: Annotated[list[Literal["no_fire_zones", "forbidden_unit_classes"]], Field(max_length=2)] = []
    units: Annotated[list[UnitSpec], Field(max_length=50)] = []  # extra units a counterfactual brings
    tasks: Annotated[list[TaskSpec], Field(min_length=1, max_length=100)]


class ScenarioFile(Strict):
    """A scenario file (``scenarios/*.yaml``)."""

    format: Literal[1]
    id: Id
    title: ShortText
    briefing: Text = ""
    rules: Id = "default"  # game/data/<rules>.yaml
    unit_types: Annotated[list[UnitTypeSpec], Field(max_length=100)] = []  # added to the rules' types
    sides: Annotated[list[SideSpec], Field(min_length=2, max_length=2)]
    time: TimeSpec
    weather: Annotated[list[WeatherSpellSpec], Field(min_length=1, max_length=200)]
    map: MapSpec
    forces: Annotated[list[ForceSpec], Field(min_length=1, max_length=2)]
    reinforcements: Annotated[list[ReinforcementSpec], Field(max_length=100)] = []
    constraints: ConstraintsSpec = ConstraintsSpec()
    objectives: Annotated[list[ObjectiveSpec], Field(min_length=1, max_length=50)]
    grading: GradingSpec = GradingSpec()
    city_zone: Id | None = None  # zone whose cells count as the city (roads inside it are not cut; the AI)
    milestones: Annotated[list[MilestoneDefSpec], Field(max_length=50)] = []
    rule_params: Annotated[dict[Id, ParamSpec], Field(max_length=200)] = {}  # overrides of the rule set's
    supply: Annotated[list[SupplySpec], Field(max_length=20)] = []
    events: Annotated[list[EventSpec], Field(max_length=500)] = []
    history: HistorySpec = HistorySpec()
    plans: Annotated[list[PlanSpec], Field(max_length=40)] = []

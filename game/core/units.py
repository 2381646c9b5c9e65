"""Unit types (data) and unit records (mutable state of one group)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import NewType

from game.core.frozen import Frozen

UnitId = NewType("UnitId", str)
Side = NewType("Side", str)

POSTURES: tuple[str, ...] = ("moving", "hold", "dug_in")
POSTURE_WORDS: dict[str, str] = {"moving": "moving", "hold": "holding", "dug_in": "dug in"}  # for players


@dataclass(frozen=True)
class Weapon(Frozen):
    """A class of weapons carried by a unit type. ``indirect`` fire needs no line of sight from the firer."""

    id: str
    range_m: float
    firepower: float  # expected casualties per 100 firers per turn against unprotected targets
    indirect: bool = False
    heavy: bool = False  # heavy weapon (artillery, tank gun, heavy rocket): subject to no-fire zones
    ammo_per_shot: float = 10.0  # percentage points of the unit's ammunition used by one fire action
    damage: float = 0.001  # building damage per expected casualty when fired into urban cells
    name: str = ""  # what players read ("122 mm howitzer"); the id, made readable, when empty

    @property
    def label(self) -> str:
        """The weapon's name for players: its ``name``, else its id without underscores."""
        return self.name or self.id.replace("_", " ")


@dataclass(frozen=True)
class UnitType(Frozen):
    """A type of group as read from data; ``unit_class`` is what scenario constraints forbid."""

    id: str
    name: str
    unit_class: str  # light_infantry, special_forces, motor_rifle, heavy_armour, artillery ...
    move_class: str  # foot / wheeled / tracked
    headcount: int
    weapons: tuple[Weapon, ...]
    capabilities: frozenset[str] = frozenset()  # climb, infiltrate, dig_in
    spotting_m: float = 3000.0
    march_fraction: float = 0.5  # share of a turn's hours a unit can spend moving
    assault_power: float = 1.0  # close-combat quality per soldier
    symbol: str = "infantry"  # NATO symbol family for the client
    description: str = ""

    def can(self, capability: str) -> bool:
        return capability in self.capabilities


@dataclass
class Unit:
    """The state of one group. Plain values only, so it serialises and digests deterministically."""

    id: UnitId
    side: Side
    type_id: str
    name: str
    row: int
    col: int
    strength: int  # headcount, never negative
    morale: float = 80.0  # 0..100
    fatigue: float = 0.0  # 0..100
    ammo: float = 100.0  # 0..100
    suppression: float = 0.0  # 0..100
    posture: str = "hold"
    climbing: bool = False  # on a cliff face this turn: exposed
    climb_to: tuple[int, int] | None = None  # a climb under way: the cell at the top
    climb_left: float = 0.0  # minutes of that climb still to go
    routed: bool = False
    used_min: float = 0.0  # minutes of this turn's time budget already used (moving, firing, digging)
    marched_min: float = 0.0  # minutes spent marching or climbing this turn (drives fatigue)
    fired: bool = False  # has fired or assaulted this turn
    active: bool = False  # moved, climbed or fired this turn: easier to spot
    dug_in_turns: int = 0

    @property
    def pos(self) -> tuple[int, int]:
        return (self.row, self.col)

    @property
    def alive(self) -> bool:
        return self.strength > 0

    def copy(self) -> Unit:
        """An independent copy (fields are plain immutable values, so a shallow copy is a full one); much
        cheaper than ``dataclasses.replace``, which the AI's read-only view calls thousands of times a game.
        Every field by name, in order, so that the compiled build (``game.native``) makes it a plain C call."""
        return Unit(self.id, self.side, self.type_id, self.name, self.row, self.col, self.strength, self.morale,
                    self.fatigue, self.ammo, self.suppression, self.posture, self.climbing, self.climb_to,
                    self.climb_left, self.routed, self.used_min, self.marched_min, self.fired, self.active,
                    self.dug_in_turns)

    def as_dict(self) -> dict[str, object]:
        """Field name -> value (``vars`` does not work on a compiled unit, which has no ``__dict__``)."""
        return {f: getattr(self, f) for f in UNIT_FIELDS}


UNIT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Unit))

"""GameState: everything that changes during a game, with a deterministic digest."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from game.core.events import Event
from game.core.setup import GameSetup
from game.core.units import Unit

NO_SIDE = -1


@dataclass
class GameState:
    """Mutable game state. Units live in a dict iterated in sorted id order (see ``ordered_units``)."""

    setup: GameSetup
    units: dict[str, Unit]
    rng: np.random.Generator
    control: np.ndarray  # int8 [row, col]: index into setup.sides, NO_SIDE for uncontrolled cells
    damage: np.ndarray  # float32 [row, col]: 0..1 destruction of buildings
    turn: int = 0
    active: int = 0  # index into setup.sides of the side whose part of the turn it is
    fired_events: list[str] = field(default_factory=list)
    arrived: list[int] = field(default_factory=list)  # indices of reinforcements that have entered
    weather_override: str | None = None  # weather set by a dated event ...
    weather_since: datetime | None = None  # ... from this time, until the next scheduled spell
    damage_by: np.ndarray | None = None  # float32 [side, row, col]: building damage each side caused
    milestones: dict[str, int] = field(default_factory=dict)  # milestone id -> turn first reached
    held: dict[str, int] = field(default_factory=dict)  # objective id -> consecutive turn-ends held
    achieved: dict[str, int] = field(default_factory=dict)  # objective id -> turn achieved (by deadline)
    casualties: dict[str, int] = field(default_factory=dict)  # side -> soldiers lost
    cut_off: list[str] = field(default_factory=list)  # "side:zone" entries that have been cut off
    game_over: bool = False
    log: list[Event] = field(default_factory=list)
    _order: list[str] = field(default_factory=list, repr=False)  # sorted unit ids (units are never removed)

    @property
    def side(self) -> str:
        """The side whose part of the turn it is."""
        return self.setup.sides[self.active]

    def side_index(self, side: str) -> int:
        return self.setup.sides.index(side)

    def ordered_units(self) -> list[Unit]:
        """Living units in sorted id order (the only order the core iterates them in)."""
        if len(self._order) != len(self.units):
            self._order = sorted(self.units)
        return [u for u in map(self.units.__getitem__, self._order) if u.strength > 0]

    def units_of(self, side: str) -> list[Unit]:
        return [u for u in self.ordered_units() if u.side == side]

    def units_at(self, cell: tuple[int, int]) -> list[Unit]:
        return [u for u in self.ordered_units() if u.pos == cell]

    def enemies_of(self, side: str) -> list[Unit]:
        return [u for u in self.ordered_units() if u.side != side]

    def digest(self) -> str:
        """SHA-256 of the whole state (units, clock, control, damage, rng, progress): equal states, equal digests."""
        h = hashlib.sha256()
        core = {
            "turn": self.turn,
            "active": self.active,
            "units": [vars(self.units[k]) for k in sorted(self.units)],
            "fired": self.fired_events,
            "arrived": self.arrived,
            "weather": [self.weather_override, str(self.weather_since)],
            "milestones": sorted(self.milestones.items()),
            "held": sorted(self.held.items()),
            "achieved": sorted(self.achieved.items()),
            "casualties": sorted(self.casualties.items()),
            "cut_off": self.cut_off,
            "over": self.game_over,
            "rng": self.rng.bit_generator.state,
        }
        h.update(json.dumps(core, sort_keys=True, default=str).encode())
        h.update(np.ascontiguousarray(self.control).tobytes())
        h.update(np.ascontiguousarray(self.damage).tobytes())
        if self.damage_by is not None:
            h.update(np.ascontiguousarray(self.damage_by).tobytes())
        return h.hexdigest()

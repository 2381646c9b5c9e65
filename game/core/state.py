"""GameState: everything that changes during a game, with a deterministic digest and a cheap copy."""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np

from game.core.setup import GameSetup
from game.core.units import Unit

NO_SIDE = -1
LOSS_KINDS = ("killed", "wounded", "captured", "dispersed")


@dataclass
class GameState:
    """Mutable game state. Units live in a dict iterated in sorted id order (see ``ordered_units``).

    The display log is not part of it (the engine keeps that), so copies stay small.
    """

    setup: GameSetup
    units: dict[str, Unit]
    rng: np.random.Generator
    control: np.ndarray  # int8 [row, col]: index into setup.sides, NO_SIDE for uncontrolled cells
    damage: np.ndarray  # float32 [row, col]: 0..1 destruction of buildings
    damage_by: np.ndarray  # float32 [side, row, col]: building damage each side caused
    turn: int = 0
    active: int = 0  # index into setup.sides of the side whose part of the turn it is
    fired_events: list[str] = field(default_factory=list)
    arrived: list[int] = field(default_factory=list)  # indices of reinforcements that have entered
    weather_override: str | None = None  # weather set by a dated event ...
    weather_since: datetime | None = None  # ... from this time, until the next scheduled spell
    milestones: dict[str, int] = field(default_factory=dict)  # milestone id -> turn first reached
    held: dict[str, int] = field(default_factory=dict)  # objective id (or "milestone:ID") -> turn-ends held in a row
    achieved: dict[str, int] = field(default_factory=dict)  # objective id -> turn achieved (by deadline)
    losses: dict[str, dict[str, int]] = field(default_factory=dict)  # side -> killed/wounded/captured/dispersed
    cut_off: list[str] = field(default_factory=list)  # "side:zone" entries that have been cut off
    last_seen: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # side -> enemy id -> [row, col, turn]
    game_over: bool = False
    # derived from the state at the start of the current phase (kept, not digested): what each side had
    # spotted then (surprise in close assault)
    phase_spotted: dict[str, list[str]] = field(default_factory=dict)
    _order: list[str] = field(default_factory=list, repr=False)  # sorted unit ids (units are never removed)
    _living: list[Unit] | None = field(default=None, repr=False, compare=False)  # see ``ordered_units``
    _sides: dict[str, list[Unit]] = field(default_factory=dict, repr=False, compare=False)  # see ``units_of``
    _others: dict[str, list[Unit]] = field(default_factory=dict, repr=False, compare=False)  # see ``enemies_of``

    @property
    def side(self) -> str:
        """The side whose part of the turn it is."""
        return self.setup.sides[self.active]

    @property
    def casualties(self) -> dict[str, int]:
        """Side -> soldiers lost in every way (killed, wounded, captured, dispersed)."""
        return {s: sum(self.losses.get(s, {}).values()) for s in self.setup.sides}

    def side_index(self, side: str) -> int:
        return self.setup.sides.index(side)

    def _roster(self) -> list[Unit]:
        """Living units in sorted id order, kept until a unit enters or is destroyed (:meth:`roster_changed`)."""
        if len(self._order) != len(self.units):
            self._order = sorted(self.units)
            self.roster_changed()
        if self._living is None:
            self._living = [u for u in map(self.units.__getitem__, self._order) if u.strength > 0]
        return self._living

    def roster_changed(self) -> None:
        """A unit was destroyed (its strength fell to 0): the lists of living units are made afresh."""
        self._living = None
        self._sides.clear()
        self._others.clear()

    def ordered_units(self) -> list[Unit]:
        """Living units in sorted id order (the only order the core iterates them in)."""
        return list(self._roster())

    def units_of(self, side: str) -> list[Unit]:
        roster = self._roster()
        mine = self._sides.get(side)
        if mine is None:
            mine = self._sides[side] = [u for u in roster if u.side == side]
        return list(mine)

    def units_at(self, cell: tuple[int, int]) -> list[Unit]:
        r, c = cell
        return [u for u in self._roster() if u.row == r and u.col == c]

    def enemies_of(self, side: str) -> list[Unit]:
        roster = self._roster()
        theirs = self._others.get(side)
        if theirs is None:
            theirs = self._others[side] = [u for u in roster if u.side != side]
        return list(theirs)

    def copy(self) -> GameState:
        """An independent copy (units, arrays, counters, the generator's state) sharing the immutable setup."""
        rng = np.random.Generator(type(self.rng.bit_generator)())
        rng.bit_generator.state = self.rng.bit_generator.state
        return replace(
            self, units={k: u.copy() for k, u in self.units.items()}, rng=rng,
            control=self.control.copy(), damage=self.damage.copy(), damage_by=self.damage_by.copy(),
            fired_events=list(self.fired_events), arrived=list(self.arrived), milestones=dict(self.milestones),
            held=dict(self.held), achieved=dict(self.achieved), losses=copy.deepcopy(self.losses),
            cut_off=list(self.cut_off), last_seen={s: {k: list(v) for k, v in d.items()} for s, d in
                                                   self.last_seen.items()}, phase_spotted={k: list(v) for k, v in self.phase_spotted.items()},
            _order=list(self._order), _living=None, _sides={}, _others={})

    def digest(self) -> str:
        """SHA-256 of the whole state (units, clock, control, damage, rng, progress): equal states, equal digests."""
        h = hashlib.sha256()
        core = {
            "turn": self.turn,
            "active": self.active,
            "units": [self.units[k].as_dict() for k in sorted(self.units)],
            "fired": self.fired_events,
            "arrived": self.arrived,
            "weather": [self.weather_override, str(self.weather_since)],
            "milestones": sorted(self.milestones.items()),
            "held": sorted(self.held.items()),
            "achieved": sorted(self.achieved.items()),
            "losses": sorted((s, sorted(v.items())) for s, v in self.losses.items()),
            "cut_off": self.cut_off,
            "last_seen": sorted((s, sorted(d.items())) for s, d in self.last_seen.items()),
            "over": self.game_over,
            "rng": self.rng.bit_generator.state,
        }
        h.update(json.dumps(core, sort_keys=True, default=str).encode())
        for a in (self.control, self.damage, self.damage_by):
            h.update(np.ascontiguousarray(a))  # type: ignore[arg-type]  # its bytes in C order, hashed in place (no copy)
        return h.hexdigest()

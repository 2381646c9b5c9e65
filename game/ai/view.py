"""What one side knows: the read-only view a policy decides from.

A policy sees its own units, the enemy units its side has spotted now, where it last saw the others
(and how long ago), the map, the clock, the rules and its plan. It never sees a hidden enemy: every
query here answers from that knowledge only, and the policy's orders go through ``Engine.submit``.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from game.core import actions as A
from game.core.rules import combat, control, movement
from game.core.units import Unit, UnitType

if TYPE_CHECKING:
    from collections.abc import Iterator

    from game.core.engine import Engine
    from game.core.grid import Grid
    from game.core.params import RuleParams
    from game.core.pathing import MoveGraph
    from game.core.plans import Plan
    from game.core.setup import GameSetup

Cell = tuple[int, int]


@lru_cache(maxsize=16)
def falloff(radius: int) -> np.ndarray:
    """A (2r+1)^2 kernel falling from 1 at the centre to 1/(r+1) at the rim (Chebyshev rings; read-only)."""
    rr, cc = np.mgrid[-radius:radius + 1, -radius:radius + 1]
    fall = np.clip(1.0 - np.maximum(np.abs(rr), np.abs(cc)) / (radius + 1), 0, 1).astype(np.float32)
    fall.flags.writeable = False
    return fall


def influence(shape: tuple[int, int], cells: list[Cell], radius: int) -> np.ndarray:
    """An influence map of ``cells``: :func:`falloff` round each, the highest where they overlap (float32).

    Example: one cell and radius 1 give 1 there, 0.5 on its 8 neighbours, 0 elsewhere.
    """
    m = np.zeros(shape, dtype=np.float32)
    rows, cols = shape
    fall = falloff(radius)
    for r, c in cells:
        top, left = max(r - radius, 0), max(c - radius, 0)
        bottom, right = min(r + radius + 1, rows), min(c + radius + 1, cols)
        win = fall[top - (r - radius):bottom - (r - radius), left - (c - radius):right - (c - radius)]
        np.maximum(m[top:bottom, left:right], win, out=m[top:bottom, left:right])
    return m


class Policy(Protocol):
    """Plays one side: ``for action in policy.phase(view): engine.submit(action)``."""

    side: str

    def phase(self, view: SideView) -> Iterator[A.Action]: ...


class SideView:
    """One side's knowledge of the game now (live: it follows the game as orders are carried out)."""

    def __init__(self, eng: Engine, side: str, plan: Plan | None) -> None:
        self._eng = eng
        self._ctx = eng.ctx
        self.side = side
        self.plan = plan
        self._known: tuple[tuple[int, int, str], dict[str, tuple[Cell, int]]] | None = None  # see last_known
        self._spotted_units: list[Unit] = []  # see _spotted: at ``Context.touches`` == ``_spotted_at``
        self._spotted_at = -1

    # ------------------------------------------------------------------ fixed facts
    @property
    def setup(self) -> GameSetup:
        return self._eng.setup

    @property
    def grid(self) -> Grid:
        return self._eng.setup.grid

    @property
    def params(self) -> RuleParams:
        return self._eng.setup.params

    @property
    def memory(self) -> dict[str, Any]:
        """The side's standing orders (JSON-ready; saved with the game and carried by snapshots)."""
        return self._eng.memory.setdefault(self.side, {})

    # ------------------------------------------------------------------ time
    @property
    def turn(self) -> int:
        return self._ctx.state.turn

    @property
    def now(self) -> datetime:
        return self._eng.clock.start(self.turn)

    def hours_since(self, turn: int) -> float:
        """Hours from the start of ``turn`` to the start of the current turn."""
        return (self.now - self._eng.clock.start(turn)).total_seconds() / 3600.0

    @property
    def night(self) -> bool:
        return self._eng.clock.is_night(self.turn)

    @property
    def weather(self) -> str:
        return self._ctx.weather().kind

    @property
    def light(self) -> float:
        return self._ctx.light_factor()

    @property
    def game_over(self) -> bool:
        return self._ctx.state.game_over

    # ------------------------------------------------------------------ units
    def own(self) -> list[Unit]:
        """The side's living units (copies: the view is read-only)."""
        return [u.copy() for u in self._ctx.state.units_of(self.side)]

    def own_ids(self) -> list[str]:
        """Ids of the side's living units (in :meth:`own` order)."""
        return [u.id for u in self._ctx.state.units_of(self.side)]

    def unit(self, unit_id: str) -> Unit | None:
        """One of the side's own units (a copy), or None when it is gone."""
        u = self._ctx.state.units.get(unit_id)
        return u.copy() if u is not None and u.alive and u.side == self.side else None

    def enemies(self) -> list[Unit]:
        """Enemy units spotted now (copies)."""
        st = self._ctx.state
        return [st.units[t].copy() for t in self._ctx.spotted_by(self.side)]

    def enemies_near(self, cell: Cell, n: int) -> list[Unit]:
        """Enemy units spotted now within ``n`` cells (Chebyshev) of ``cell``, in :meth:`enemies` order (copies)."""
        return [e.copy() for e in self.peek_enemies_near(cell, n)]

    # the built-in AI's reads within one decision: the units themselves, not copies (never change them, and never
    # keep them past an order: they follow the game)
    def peek_unit(self, unit_id: str) -> Unit | None:
        """:meth:`unit`, not a copy."""
        u = self._ctx.state.units.get(unit_id)
        return u if u is not None and u.alive and u.side == self.side else None

    def peek_own(self) -> list[Unit]:
        """:meth:`own`, not copies."""
        return self._ctx.state.units_of(self.side)

    def peek_enemies(self) -> list[Unit]:
        """:meth:`enemies`, not copies."""
        return list(self._spotted())

    def peek_enemies_near(self, cell: Cell, n: int) -> list[Unit]:
        """:meth:`enemies_near`, not copies."""
        r, c = cell
        return [e for e in self._spotted() if -n <= e.row - r <= n and -n <= e.col - c <= n]

    def _spotted(self) -> list[Unit]:
        """The enemy units spotted now, not copies (one list kept until a unit changes or sight is reset, i.e.
        while ``Context.touches`` stays the same: every unit's decision asks for them several times). Never change
        it."""
        ctx = self._ctx
        if self._spotted_at != ctx.touches:
            units = ctx.state.units
            self._spotted_units = [units[t] for t in ctx.spotted_by(self.side)]
            self._spotted_at = ctx.touches
        return self._spotted_units

    def last_known(self) -> dict[str, tuple[Cell, int]]:
        """Enemy units not in sight now: where they were last seen and how many turns ago."""
        # kept while no unit moves, dies, routs or fires (Context.touches) in this phase: the sightings are
        # recorded as a phase begins, and what the side sees changes only with a touch
        st = self._ctx.state
        key = (self._ctx.touches, st.turn, st.side)
        if self._known is not None and self._known[0] == key:
            return dict(self._known[1])
        seen_now = set(self._ctx.spotted_by(self.side))
        out = {}
        for uid, (r, c, t) in sorted(st.last_seen.get(self.side, {}).items()):
            u = st.units[uid]
            if uid not in seen_now and (u.alive or not self._ctx.sees(self.side, u)):
                out[uid] = ((r, c), self.turn - t)
        self._known = (key, out)
        return dict(out)

    def unit_type(self, u: Unit) -> UnitType:
        return self.setup.unit_types[u.type_id]

    # ------------------------------------------------------------------ what the side can judge
    def controls(self, zone: str) -> float:
        """Share of the zone's cells the side controls (control is public: who holds the streets)."""
        return control.zone_share(self._ctx, zone, self.side)

    def controlled_cells(self, window: tuple[slice, slice] | None = None) -> np.ndarray:
        """Cells the side controls (a copy; of ``window`` only, if given)."""
        control = self._ctx.state.control
        return (control if window is None else control[window]) == self.setup.sides.index(self.side)

    def cut_off_zones(self) -> list[str]:
        """Zones where the side's units are cut off from supply (the side is told when it happens)."""
        prefix = f"{self.side}:"
        return [k[len(prefix):] for k in self._ctx.state.cut_off if k.startswith(prefix)]

    def road_cut_by_us(self, road: str) -> bool:
        return control.road_cut(self._ctx, road, self.side)

    def road_cut_by_enemy(self, road: str) -> bool:
        """Whether the enemy holds the road as far as the side can tell (spotted enemies only)."""
        return any(control.road_cut(self._ctx, road, e, as_known_to=self.side) for e in self.setup.enemies(self.side))

    def enemy_cells(self, max_age: int = 2) -> list[Cell]:
        """Cells of enemies seen now or within ``max_age`` turns."""
        units = self._ctx.state.units
        cells = [units[t].pos for t in self._ctx.spotted_by(self.side)]
        cells += [c for c, age in self.last_known().values() if age <= max_age]
        return cells

    def threat(self, radius: int = 4, max_age: int = 2) -> np.ndarray:
        """Cells within ``radius`` of known enemies (a numpy influence map, 0..1 falling off with distance)."""
        return influence(self.grid.shape, self.enemy_cells(max_age), radius)

    # ------------------------------------------------------------------ the rules, as they apply to the side
    def graph_for(self, u: Unit) -> MoveGraph:
        return self._ctx.graph_for(u)

    def budget_min(self, u: Unit) -> float:
        return movement.budget_min(self._ctx, self._ctx.state.units[u.id])

    def blocked(self, u: Unit) -> np.ndarray:
        """Cells the unit may not plan through: spotted enemies and full stacks."""
        return movement.blocked_cells(self._ctx, self._ctx.state.units[u.id])

    def contact(self, u: Unit) -> np.ndarray:
        """Cells where a move must stop (zone of control of spotted enemies)."""
        return movement.contact_cells(self._ctx, self._ctx.state.units[u.id])

    def climb_minutes(self, a: Cell, b: Cell) -> float:
        return movement.climb_minutes(self._ctx, a, b)

    # the checks below are kept by the context until the state changes: the order's handler reuses them
    def fire_plan(self, unit_id: str, target_id: str) -> combat.FirePlan | str:
        return self._ctx.check(A.Fire(unit_id, target_id), combat.plan_fire)

    def assault_plan(self, unit_id: str, target_id: str) -> combat.AssaultPlan | str:
        return self._ctx.check(A.Assault(unit_id, target_id), combat.plan_assault)

    def move_ok(self, unit_id: str, path: list[Cell]) -> bool:
        return not isinstance(self._ctx.check(A.Move(unit_id, path[-1], tuple(path)), movement.plan_move), str)

    def climb_ok(self, unit_id: str, to: Cell) -> bool:
        return not isinstance(self._ctx.check(A.Climb(unit_id, to), movement.plan_climb), str)

"""The engine: owns the game, validates and applies Actions through a handler table, keeps the record.

``Engine.submit(action)`` is the one path by which anything changes: the player's client, the AI and
replays all call it. A refused action returns the player-facing reason and changes nothing. Rules work
on a narrow :class:`~game.core.context.Context`, never on the engine. ``snapshot``/``restore`` carry
the whole game for undo, the replay viewer and "continue from here".
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game import __version__
from game.core import actions as A
from game.core.clock import shared_clock
from game.core.context import Context, EventSink
from game.core.events import Event
from game.core.frozen import quick_init
from game.core.pathing import MoveGraph
from game.core.rules import ambush, combat, control, movement, posture, turns, victory
from game.core.rules.constraints import forbidden_reason
from game.core.setup import GameSetup, WeatherEffect
from game.core.state import LOSS_KINDS, GameState
from game.core.units import Unit

Handler = Callable[[Context, Any], "str | None"]

HANDLERS: dict[type[A.Action], Handler] = {
    A.Move: ambush.do_move,
    A.Climb: movement.do_climb,
    A.Fire: combat.do_fire,
    A.Assault: combat.do_assault,
    A.DigIn: posture.do_dig_in,
    A.Hold: posture.do_hold,
    A.Rally: posture.do_rally,
    A.EndTurn: turns.do_end_turn,
}
ACTION_KINDS: tuple[str, ...] = tuple(cls.kind for cls in HANDLERS) + ("refused",)


@quick_init
@dataclass(frozen=True)
class Result:
    """What ``submit`` returns: accepted or not, the reason when refused, and the events it caused."""

    ok: bool
    reason: str = ""
    events: tuple[Event, ...] = ()


@dataclass
class RecordLog:
    """Accepted actions and per-turn digests, from which ``game.sim.record`` writes a record file. Each action is
    made into its JSON dict when ``actions`` is next read (a batch that writes no record never reads them)."""

    seed: int
    digests: list[str] = field(default_factory=list)  # digests[t]: state after turn t-1 ended (0: start)
    _actions: list[dict[str, Any]] = field(default_factory=list, repr=False)
    _pending: list[tuple[int, A.Action]] = field(default_factory=list, repr=False)  # (turn, action) not yet in it

    @property
    def actions(self) -> list[dict[str, Any]]:
        """Every accepted action as ``{"turn", "action"}`` (the action's JSON dict), in order."""
        if self._pending:
            self._actions.extend({"turn": turn, "action": a.to_dict()} for turn, a in self._pending)
            self._pending.clear()
        return self._actions

    def add(self, turn: int, action: A.Action) -> None:
        """Record an accepted action of ``turn`` (actions are frozen: its dict can be made later)."""
        self._pending.append((turn, action))


@dataclass(frozen=True)
class Snapshot:
    """A whole game at one moment: state, record, log, action counts and the AI's standing orders."""

    state: GameState
    actions: tuple[dict[str, Any], ...]
    digests: tuple[str, ...]
    log: tuple[Event, ...]
    counts: dict[str, dict[str, int]]
    memory: dict[str, Any]


class Engine:
    """A running game: ``Engine(setup, seed)``; then ``submit`` actions until ``state.game_over``."""

    def __init__(self, setup: GameSetup, seed: int, *, turn_digests: bool = True) -> None:
        """``turn_digests=False`` (batches that write no record): skip the digest at each turn's end, which only a
        record and its replay check need; the game plays exactly the same (``state.digest()`` still works)."""
        self.setup = setup
        self.turn_digests = turn_digests
        self.clock = shared_clock(setup)
        units: dict[str, Unit] = {u.id: copy.copy(u) for u in setup.units}
        for u in units.values():
            why = forbidden_reason(setup.constraints, u.side, setup.unit_types[u.type_id])
            if why:
                raise ValueError(why)
        grid = setup.grid
        state = GameState(
            setup=setup, units=units, rng=np.random.default_rng(seed),
            control=control.initial_control(setup, [units[k] for k in sorted(units)]),
            damage=np.zeros(grid.shape, dtype=np.float32),
            damage_by=np.zeros((len(setup.sides),) + grid.shape, dtype=np.float32),
            losses={s: dict.fromkeys(LOSS_KINDS, 0) for s in setup.sides},
        )
        self.ctx = Context(setup, self.clock, state, EventSink())
        self.record = RecordLog(seed=seed)
        self.log: list[Event] = []  # the display log: every accepted action's events (not part of the state)
        self.counts: dict[str, dict[str, int]] = {s: dict.fromkeys(ACTION_KINDS, 0) for s in setup.sides}
        self.memory: dict[str, Any] = {}  # per side, what the AI keeps between turns (JSON-ready)
        turns.start_turn(self.ctx)
        turns.begin_phase(self.ctx)
        self.record.digests.append(state.digest())
        self.log.extend(self.ctx.events.take())  # the first turn's start and its dated events

    @property
    def state(self) -> GameState:
        return self.ctx.state

    # ------------------------------------------------------------------ the one path for changes
    def submit(self, action: A.Action) -> Result:
        """Validate and apply one action; refused actions change nothing and say why."""
        st = self.state
        side, turn, over = st.side, st.turn, st.game_over
        handler = HANDLERS.get(type(action))
        self.ctx.events.take()
        reason = handler(self.ctx, action) if handler else f"Unknown action {action!r}."
        self.ctx.version += 1
        if reason is not None:
            self.ctx.events.take()
            self.counts[side]["refused"] += 1
            return Result(False, reason)
        if not isinstance(action, A.EndTurn):
            victory.check_zone_entry(self.ctx)
        self.counts[side][action.kind] += 1
        self.record.add(turn, action)
        if self.turn_digests and (st.turn != turn or st.game_over != over):
            self.record.digests.append(st.digest())
        events = self.ctx.events.take()
        self.log.extend(events)
        return Result(True, "", events)

    # ------------------------------------------------------------------ time travel
    def snapshot(self) -> Snapshot:
        """The whole game now, independent of later changes (cheap: no display log copy beyond a tuple)."""
        return Snapshot(self.state.copy(), tuple(self.record.actions), tuple(self.record.digests),
                        tuple(self.log), {s: dict(c) for s, c in self.counts.items()},
                        copy.deepcopy(self.memory))

    def restore(self, snap: Snapshot) -> None:
        """Put the game back exactly as it was at ``snap`` (the snapshot stays usable)."""
        if snap.state.setup is not self.setup:
            raise ValueError("that snapshot belongs to another game")
        self.ctx.state = snap.state.copy()
        self.ctx.version += 1
        self.record.actions[:] = snap.actions
        self.record.digests[:] = snap.digests
        self.log[:] = snap.log
        self.counts = {s: dict(c) for s, c in snap.counts.items()}
        self.memory = copy.deepcopy(snap.memory)
        self.ctx.events.take()
        self.ctx.reset_sight()

    # ------------------------------------------------------------------ read-only queries for clients
    def side_name(self, side: str) -> str:
        return self.ctx.side_name(side)

    def spotted_by(self, side: str, before_action: bool = False) -> list[str]:
        """Ids of enemy units ``side`` has spotted now (or at the start of the current phase)."""
        return self.ctx.spotted_by(side, before_action)

    def visible_cells(self, side: str) -> np.ndarray:
        """Cells ``side`` can see this turn (fog of war)."""
        return self.ctx.visible_cells(side)

    def events_for(self, side: str | None) -> list[Event]:
        """The display log as ``side`` may see it (None: everything)."""
        return [e for e in self.log if e.visible_to(side)]

    def graph_for(self, u: Unit) -> MoveGraph:
        return self.ctx.graph_for(u)

    def weather(self) -> WeatherEffect:
        return self.ctx.weather()

    def light_factor(self) -> float:
        return self.ctx.light_factor()

    def budget_min(self, unit_id: str) -> float:
        return movement.budget_min(self.ctx, self.state.units[unit_id])

    def reach_map(self, unit_id: str) -> np.ndarray:
        """Minutes to reach each cell this turn (np.inf where the unit cannot get this turn)."""
        u = self.state.units[unit_id]
        secs = self.ctx.graph_for(u).reach(u.pos, movement.blocked_cells(self.ctx, u)).astype(np.float64) / 60.0
        secs[secs > movement.budget_min(self.ctx, u)] = np.inf
        return secs

    def outcome(self) -> victory.Outcome:
        return victory.final_outcome(self.ctx)

    def action_counts(self) -> dict[str, int]:
        """Accepted actions by kind over both sides, and the refused ones."""
        return {k: sum(c[k] for c in self.counts.values()) for k in ACTION_KINDS}

    def header(self) -> dict[str, Any]:
        """The record header: versions, scenario id and sha256, seed."""
        return {"format": "shusha-record", "format_version": 1, "game_version": __version__,
                "scenario_id": self.setup.scenario_id, "scenario_sha256": self.setup.sha256,
                "scenario_path": self.setup.source_path, "seed": self.record.seed,
                "plans": dict(sorted(self.setup.chosen_plans.items()))}

"""The context rules work in: state, scenario, clock and parameters, the queries they share (spotting,
light, movement graphs) and the event sink. The engine owns one; rules never see the engine itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from game.core.clock import Clock
from game.core.events import Event, Listener
from game.core.params import RuleParams, action_minutes
from game.core.pathing import MoveGraph, shared_graph
from game.core.rules.constraints import road_only
from game.core.setup import GameSetup, WeatherEffect
from game.core.spotting import Spotter
from game.core.state import GameState
from game.core.units import Unit

P = TypeVar("P")
_MISSING = object()  # no answer kept (see ``Context.for_now``)


class EventSink:
    """Collects the events of the action being applied; listeners see each one as it is emitted."""

    def __init__(self) -> None:
        self.pending: list[Event] = []
        self.listeners: list[Listener] = []

    def emit(self, event: Event) -> None:
        self.pending.append(event)
        for listener in self.listeners:
            listener(event)

    def take(self) -> tuple[Event, ...]:
        """The events emitted since the last take, and forget them."""
        out = tuple(self.pending)
        self.pending.clear()
        return out


class Context:
    """State, setup, clock, parameters, queries and the event sink for the rules."""

    def __init__(self, setup: GameSetup, clock: Clock, state: GameState, events: EventSink) -> None:
        self.setup = setup
        self.clock = clock
        self.state = state
        self.events = events
        self.params: RuleParams = setup.params
        self.spotter = Spotter(setup.grid, setup.unit_types, self.params)
        self._spot_cache: dict[str, list[str]] = {}
        self.version = 0  # the engine counts every submitted action and restore: same version, same state
        self._checks: dict[Any, Any] = {}  # action -> its plan, checked at ``_checks_version``
        self._checks_version = 0
        self._now: dict[Any, Any] = {}  # answers while no unit changes (see ``for_now``)
        self._now_touches = 0
        self._facts: dict[Any, Any] = {}  # answers from the scenario alone (see ``for_setup``)
        self._lights: dict[tuple[Any, ...], float] = {}  # (turn, weather override, since) -> light factor
        self._graphs: dict[tuple[Any, ...], MoveGraph] = {}  # (class, turn, weather override, since) -> graph
        # counts ``touch`` and ``reset_sight``: while it stays the same, no unit has moved, entered or died
        self.touches = 0
        self.zone_checked = -1  # ``touches`` when units in zones were last checked (victory.check_zone_entry)

    # ------------------------------------------------------------------ events
    def emit(self, cls: type[Event], text: str, *, seen_by: tuple[str, ...] = (), **data: Any) -> None:
        """Emit an event of type ``cls`` in the current turn, seen by ``seen_by`` (() = every side)."""
        if len(seen_by) >= len(self.setup.sides) and set(seen_by) >= set(self.setup.sides):
            seen_by = ()  # every side sees it
        # (every event's first three fields: turn, text, seen_by)
        self.events.emit(cls(self.state.turn, text, tuple(seen_by), **data))

    def side_name(self, side: str) -> str:
        return self.setup.side_names.get(side, side)

    # ------------------------------------------------------------------ orders checked before they are given
    def check(self, action: Any, plan_of: Callable[[Context, Any], P]) -> P:
        """``plan_of(self, action)`` for a client checking an order with the rules before it gives it; the plan is
        kept until the state next changes, so the handler need not work it out again (:meth:`checked`)."""
        if self._checks_version != self.version:
            self._checks.clear()
            self._checks_version = self.version
        plan = self._checks[action] = plan_of(self, action)
        return plan

    def checked(self, action: Any, plan_of: Callable[[Context, Any], P]) -> P:
        """For a handler, before it changes anything: the plan of ``action`` checked since the state last changed,
        else ``plan_of(self, action)``. Every kept check is dropped (the handler is about to change the state)."""
        hit = self._checks.get(action) if self._checks_version == self.version else None
        self._checks.clear()
        return plan_of(self, action) if hit is None else hit

    def for_setup(self, key: Any, make: Callable[[], P]) -> P:
        """``make()``, kept for the whole game: for facts of the scenario that never change (unit types, rules)."""
        if key not in self._facts:
            self._facts[key] = make()
        return self._facts[key]

    def for_now(self, key: Any, make: Callable[[], P]) -> P:
        """``make()``, kept while no unit changes: until the next ``touch`` (position, life, rout, activity) or
        ``reset_sight`` (a new turn, upkeep, a restore), across actions that change none of these (holds). For
        queries of units' positions, life, rout, activity and spotting only."""
        if self._now_touches != self.touches:
            self._now.clear()
            self._now_touches = self.touches
        hit = self._now.get(key, _MISSING)
        if hit is _MISSING:
            hit = self._now[key] = make()
        return hit

    # ------------------------------------------------------------------ spotting
    def spotted_by(self, side: str, before_action: bool = False) -> list[str]:
        """Ids of enemy units ``side`` has spotted now (or at the start of the current phase)."""
        if before_action:
            return list(self.state.phase_spotted.get(side, ()))
        ids = self._spot_cache.get(side)
        if ids is None:
            st = self.state
            ids = self._spot_cache[side] = self.spotter.spotted(side, st.units_of(side), st.enemies_of(side),
                                                                self.light_factor())
        return ids

    def sees(self, side: str, u: Unit) -> bool:
        """Whether ``side`` knows of unit ``u`` now: its own, or spotted (also right after it was destroyed)."""
        if u.side == side:
            return True
        if u.alive:  # (the spotter answers for one unit without listing the others)
            ids = self._spot_cache.get(side)
            if ids is not None:
                return u.id in ids
            st = self.state
            return self.spotter.spots_target(side, st.units_of(side), st.enemies_of(side), self.light_factor(), u.id)
        return self.for_now(("saw destroyed", side, u.id), lambda: self.spotter.spots_any(
            self.state.units_of(side), u, self.light_factor()))

    def known_to(self, *units: Unit) -> tuple[str, ...]:
        """The sides that know of every one of ``units`` (for an event naming them)."""
        out = []
        for s in self.setup.sides:
            for u in units:
                if not self.sees(s, u):
                    break
            else:
                out.append(s)
        return tuple(out)

    def visible_cells(self, side: str) -> np.ndarray:
        """Cells ``side`` can see this turn (fog of war)."""
        return self.spotter.visible_cells(self.state.units_of(side), self.light_factor())

    def touch(self, unit_id: str) -> None:
        """Something about this unit changed that spotting depends on (position, life, rout, activity)."""
        self.spotter.touch(unit_id)
        self.touches += 1
        self._spot_cache.clear()
        self._now.clear()

    def mark_active(self, u: Unit) -> None:
        """The unit moved or fired this turn: it is easier to spot (and may see more)."""
        u.active = True
        self.touch(u.id)

    def reset_sight(self) -> None:
        """Recompute all spotting from scratch (new turn: light, weather, activity; or a restored state)."""
        self.spotter.reset()
        self.touches += 1
        self._spot_cache.clear()

    # ------------------------------------------------------------------ time, light, weather
    def weather(self) -> WeatherEffect:
        """The weather of the current turn (scheduled, or set by a dated event since)."""
        st = self.state
        return self.clock.weather(st.turn, st.weather_override, st.weather_since)

    def light_factor(self) -> float:
        """Sight factor of the current turn: weather x darkness (kept per turn and weather)."""
        st = self.state
        key = (st.turn, st.weather_override, st.weather_since)
        light = self._lights.get(key)
        if light is None:
            light = self._lights[key] = self.weather().sight_factor * (
                1.0 - self.params.night_sight_loss * self.clock.night_share(st.turn))
        return light

    def speed_factor(self, move_class: str) -> float:
        mc = self.setup.grid.table.move_classes[move_class]
        night = self.clock.night_share(self.state.turn)
        return self.weather().move_factor * (1.0 - night * (1.0 - mc.night_factor))

    def turn_minutes(self) -> float:
        return self.clock.hours(self.state.turn) * 60.0

    def fire_minutes(self) -> float:
        p = self.params
        return action_minutes(p.fire_max_minutes, p.fire_turn_share, self.turn_minutes())

    def assault_minutes(self) -> float:
        p = self.params
        return action_minutes(p.assault_max_minutes, p.assault_turn_share, self.turn_minutes())

    def activity_share(self, march_fraction: float) -> float:
        """Share of this turn a unit can spend acting: its march fraction over long turns, more in short ones.

        Example: march_fraction 0.5 -> 0.5 in 6- and 12-hour turns, 0.85 in 1-hour turns, 0.675 at 3.5 h.
        """
        p = self.params
        hours = self.clock.hours(self.state.turn)
        if hours >= p.sustained_turn_hours or p.sustained_turn_hours <= p.short_turn_hours:
            return march_fraction
        short = max(march_fraction, p.short_turn_activity)
        if hours <= p.short_turn_hours:
            return short
        k = (hours - p.short_turn_hours) / (p.sustained_turn_hours - p.short_turn_hours)
        return short + k * (march_fraction - short)

    # ------------------------------------------------------------------ movement
    def road_only(self, move_class: str) -> bool:
        return road_only(self.setup.constraints, move_class)

    def graph_for(self, u: Unit) -> MoveGraph:
        """The movement graph for the unit's class under this turn's light and weather (shared by every game
        on this grid)."""
        mc_id = self.setup.unit_types[u.type_id].move_class
        st = self.state
        key = (mc_id, st.turn, st.weather_override, st.weather_since)  # all the speed factor depends on
        graph = self._graphs.get(key)
        if graph is None:
            grid = self.setup.grid
            graph = self._graphs[key] = shared_graph(grid, grid.table.move_classes[mc_id],
                                                     speed_factor=round(self.speed_factor(mc_id), 3),
                                                     road_only=self.road_only(mc_id))
        return graph
